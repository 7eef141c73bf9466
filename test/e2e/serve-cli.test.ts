import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { runHomelane, startServe } from '../support/serve-process';

// `homelane serve` (built) on a non-loopback address: refused without a token,
// served with one; the token protects the API but not /health.

const TOKEN = 'e2e-token-0123456789abcdef';
const temp = makeTempDir('homelane-serve-cli-');
afterAll(() => temp.cleanup());

/** The served URL, reached over loopback whatever address the server listens on. */
const loopback = (url: string) => {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  return parsed.toString();
};

describe('homelane serve safety flags (built CLI)', () => {
  it('refuses --host 0.0.0.0 without a token, with a message that says what to do', async () => {
    const result = await runHomelane(
      ['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', join(temp.dir, 'refused')],
      20_000,
      { env: { HOMELANE_TOKEN: '' } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Refusing to listen on 0.0.0.0 without an API token');
    expect(result.stderr).toContain('--token-file');
    expect(result.stdout).not.toContain('serving on');
  });

  it('serves on 0.0.0.0 with --token: /health open, the API behind the token', async () => {
    const serve = await startServe([
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      join(temp.dir, 'with-token'),
      '--token',
      TOKEN,
    ]);
    try {
      expect(serve.stdout()).toContain('token required (from --token)');
      expect(serve.stdout()).toContain('?token=<token>');
      expect(serve.stdout()).not.toContain(TOKEN);
      const url = loopback(serve.url);
      const health = await fetch(`${url}health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });

      const call = (headers: Record<string, string>) =>
        fetch(`${url}api/rpc/app.info`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{}',
        });
      const refused = await call({});
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const allowed = await call({ authorization: `Bearer ${TOKEN}` });
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toMatchObject({ ok: true, data: { runtime: 'server' } });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('reads a private token file and refuses one other users can read', async () => {
    const file = join(temp.dir, 'token.txt');
    writeFileSync(file, `${TOKEN}\n`);
    chmodSync(file, 0o644);
    const open = await runHomelane([
      'serve',
      '--port',
      '0',
      '--data-dir',
      join(temp.dir, 'open-file'),
      '--token-file',
      file,
    ]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(`chmod 600 ${file}`);

    chmodSync(file, 0o600);
    const serve = await startServe([
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      join(temp.dir, 'private-file'),
      '--token-file',
      file,
      '--shutdown-grace-s',
      '2',
    ]);
    try {
      expect(serve.stdout()).toContain('token required (from --token-file)');
      const response = await fetch(`${loopback(serve.url)}api/rpc/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TOKEN },
        body: '{}',
      });
      expect(response.status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('rejects bad safety flags before starting', async () => {
    const short = await runHomelane(['serve', '--port', '0', '--token', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 16');
    const badOrigin = await runHomelane(['serve', '--port', '0', '--cors-origin', 'not an origin']);
    expect(badOrigin.code).not.toBe(0);
    expect(badOrigin.stderr).toContain('is not a web origin');
    const badLimit = await runHomelane(['serve', '--port', '0', '--max-concurrent', '0']);
    expect(badLimit.code).not.toBe(0);
    expect(badLimit.stderr).toContain('--max-concurrent is a whole number');
  });
});
