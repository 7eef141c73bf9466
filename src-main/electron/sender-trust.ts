/**
 * Decides whether an IPC message comes from our own renderer: the top frame
 * of one of our windows, showing our page. Anything else (an iframe, a
 * navigated-away page, a devtools extension) is refused before its payload
 * is even parsed.
 */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  url: string;
  /** Whether the frame is the top frame of its window. */
  isTopFrame: boolean;
  /** Whether the frame belongs to a window Homelane created. */
  isOurWindow: boolean;
}

export function isTrustedSender(sender: SenderInfo, rendererUrl: string): boolean {
  if (!sender.isTopFrame || !sender.isOurWindow) return false;
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(sender.url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.pathname === expected.pathname;
  }
  return actual.origin === expected.origin;
}
