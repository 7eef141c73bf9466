/** The platform's command key as people read it: ⌘ on a Mac, Ctrl elsewhere. */
export function modKeyLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}

/** Ctrl on Windows and Linux, ⌘ on a Mac — never both, never with Alt. */
export function isModKey(event: KeyboardEvent, key: string): boolean {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? event.metaKey : event.ctrlKey;
  return mod && !event.altKey && event.key.toLowerCase() === key;
}
