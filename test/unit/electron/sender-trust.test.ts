import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src-main/electron/sender-trust';

const FILE_PAGE = 'file:///opt/Homelane/resources/app/out/renderer/index.html';
const DEV_PAGE = 'http://localhost:5173/';
const top = (url: string) => ({ url, isTopFrame: true, isOurWindow: true });

describe('isTrustedSender', () => {
  it('accepts our page in the top frame of our window', () => {
    expect(isTrustedSender(top(FILE_PAGE), FILE_PAGE)).toBe(true);
    expect(isTrustedSender(top(`${FILE_PAGE}#/settings`), FILE_PAGE)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/#/chat'), DEV_PAGE)).toBe(true);
  });

  it('refuses subframes, foreign windows, other files and other origins', () => {
    expect(isTrustedSender({ ...top(FILE_PAGE), isTopFrame: false }, FILE_PAGE)).toBe(false);
    expect(isTrustedSender({ ...top(FILE_PAGE), isOurWindow: false }, FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('file:///tmp/evil.html'), FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('https://example.com/'), FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('http://localhost:5174/'), DEV_PAGE)).toBe(false);
    expect(isTrustedSender(top('not a url'), FILE_PAGE)).toBe(false);
  });
});
