import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_REGISTRATION,
  appFilePath,
  serveAppFile,
} from '../../../src-main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
const root = join(temp.dir, 'renderer');

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Homelane</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'not for the page');
});
afterAll(() => temp.cleanup());

describe('Content-Security-Policy', () => {
  it('is strict: our own scripts only, no network, no plugins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe|\*|http)/);
  });
});

describe('the app scheme', () => {
  it('is registered as a standard, secure origin that does not bypass the CSP', () => {
    expect(APP_SCHEME_REGISTRATION).toEqual({
      scheme: 'homelane',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_ENTRY_URL).toBe('homelane://app/index.html');
  });

  it('serves the renderer with its type and the security headers', async () => {
    const page = await serveAppFile(APP_ENTRY_URL, root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Homelane</title>');
    const script = await serveAppFile('homelane://app/assets/index-abc.js?v=1#x', root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveAppFile('homelane://app/', root)).status).toBe(200);
  });

  it('never serves anything outside the renderer folder, nor for another host', async () => {
    for (const url of [
      'homelane://app/../secret.txt',
      'homelane://app/%2e%2e/secret.txt',
      'homelane://app/assets/..%2f..%2fsecret.txt',
      'homelane://app/%00index.html',
      'homelane://other/index.html',
      'file:///etc/passwd',
      'homelane://app/%E0%A4%A',
    ]) {
      const response = await serveAppFile(url, root);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(appFilePath('homelane://app/assets/..%2f..%2fsecret.txt', root)).toBeNull();
    // Dot segments are resolved by URL parsing itself: they stay inside the folder.
    expect(appFilePath('homelane://app/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect((await serveAppFile('homelane://app/missing.js', root)).status).toBe(404);
    expect((await serveAppFile('homelane://app/assets/', root)).status).toBe(404);
  });
});
