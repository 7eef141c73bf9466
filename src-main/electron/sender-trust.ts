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
  return isOurPageUrl(sender.url, rendererUrl);
}

/**
 * Whether `url` is a page of ours: the same file (file://), the same origin
 * (the dev server), or the same scheme and host (the app's own scheme, whose
 * origin URL parsing reports as "null" and so cannot be compared).
 */
export function isOurPageUrl(url: string, rendererUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.pathname === expected.pathname;
  }
  if (expected.protocol === 'http:' || expected.protocol === 'https:') {
    return actual.origin === expected.origin;
  }
  return (
    expected.host !== '' &&
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.username === '' &&
    actual.password === ''
  );
}
