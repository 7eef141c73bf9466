import { describe, expect, it, vi } from 'vitest';
import { ExternalLinkGate, isExternalWebUrl } from '../../../src-main/electron/external-links';

describe('external links', () => {
  it('allows http and https only', () => {
    expect(isExternalWebUrl('https://example.com/a?b')).toBe(true);
    expect(isExternalWebUrl('http://192.168.1.5:8000/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'mailto:me@example.com',
      'homelane://app/index.html',
      'https://',
      'not a url',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('opens a link only while the window has focus, one per second at most', () => {
    let now = 10_000;
    const open = vi.fn(async () => undefined);
    const gate = new ExternalLinkGate({ open, now: () => now });
    expect(gate.request('https://example.com/', false)).toBe(false);
    expect(gate.request('file:///etc/passwd', true)).toBe(false);
    expect(gate.request('https://example.com/1', true)).toBe(true);
    expect(gate.request('https://example.com/2', true)).toBe(false);
    now += 1_000;
    expect(gate.request('https://example.com/3', true)).toBe(true);
    expect(open.mock.calls).toEqual([['https://example.com/1'], ['https://example.com/3']]);
  });

  it('survives the system browser failing to open', async () => {
    const gate = new ExternalLinkGate({ open: () => Promise.reject(new Error('no browser')) });
    expect(gate.request('https://example.com/', true)).toBe(true);
    await new Promise((done) => setTimeout(done, 0));
  });
});
