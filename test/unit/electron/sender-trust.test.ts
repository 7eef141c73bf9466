import { describe, expect, it } from 'vitest';
import { isOurPageUrl, isTrustedSender } from '../../../src-main/electron/sender-trust';

const APP_PAGE = 'homelane://app/index.html';
const FILE_PAGE = 'file:///opt/Homelane/resources/app/out/renderer/index.html';
const DEV_PAGE = 'http://localhost:5173/';
const top = (url: string) => ({ url, isTopFrame: true, isOurWindow: true });

describe('isTrustedSender', () => {
  it('accepts our page in the top frame of our window', () => {
    expect(isTrustedSender(top(APP_PAGE), APP_PAGE)).toBe(true);
    expect(isTrustedSender(top('homelane://app/#/settings'), APP_PAGE)).toBe(true);
    expect(isTrustedSender(top(FILE_PAGE), FILE_PAGE)).toBe(true);
    expect(isTrustedSender(top(`${FILE_PAGE}#/settings`), FILE_PAGE)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/#/chat'), DEV_PAGE)).toBe(true);
  });

  it('refuses subframes, foreign windows, other files, hosts, schemes and origins', () => {
    expect(isTrustedSender({ ...top(APP_PAGE), isTopFrame: false }, APP_PAGE)).toBe(false);
    expect(isTrustedSender({ ...top(APP_PAGE), isOurWindow: false }, APP_PAGE)).toBe(false);
    expect(isTrustedSender(top('homelane://evil/index.html'), APP_PAGE)).toBe(false);
    expect(isTrustedSender(top('homelane://user:pw@app/index.html'), APP_PAGE)).toBe(false);
    expect(isTrustedSender(top('other://app/index.html'), APP_PAGE)).toBe(false);
    expect(isTrustedSender(top('file:///tmp/evil.html'), FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('https://example.com/'), FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('https://example.com/'), APP_PAGE)).toBe(false);
    expect(isTrustedSender(top('http://localhost:5174/'), DEV_PAGE)).toBe(false);
    expect(isTrustedSender(top('not a url'), FILE_PAGE)).toBe(false);
    expect(isTrustedSender(top('data:text/html,hi'), APP_PAGE)).toBe(false);
  });

  it('never trusts anything against a renderer URL without a host', () => {
    expect(isOurPageUrl('about:blank', 'about:blank')).toBe(false);
  });
});
