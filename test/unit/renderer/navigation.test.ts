import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE, PAGE_IDS } from '../../../src-renderer/src/app/page-ids';
import { pageFromHash } from '../../../src-renderer/src/state/navigation-store';
import { resolveTheme } from '../../../src-renderer/src/state/theme-store';

describe('pageFromHash', () => {
  it('reads the page from #/id, ignoring anything after it', () => {
    for (const id of PAGE_IDS) expect(pageFromHash(`#/${id}`)).toBe(id);
    expect(pageFromHash('#/replay/abc123')).toBe('replay');
    expect(pageFromHash('#settings?x=1')).toBe('settings');
  });

  it('falls back to the default page', () => {
    expect(pageFromHash('')).toBe(DEFAULT_PAGE);
    expect(pageFromHash('#/')).toBe(DEFAULT_PAGE);
    expect(pageFromHash('#/constructor')).toBe(DEFAULT_PAGE);
  });
});

describe('resolveTheme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
