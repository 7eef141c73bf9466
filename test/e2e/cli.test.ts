import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { REPO_ROOT, runHomelane, startServe } from '../support/serve-process';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('homelane CLI (built)', () => {
  it('prints its version and help', async () => {
    const version = await runHomelane(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runHomelane(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: homelane');
    expect(help.stdout).toContain('serve');
    const serveHelp = await runHomelane(['serve', '--help']);
    expect(serveHelp.stdout).toMatch(/--host <host>[\s\S]*--port <port>[\s\S]*--data-dir <dir>/);
  });

  it('serves on a free port, answers /health and shuts down on SIGTERM', async () => {
    const dataDir = join(temp.dir, 'serve-data');
    const serve = await startServe(['--port', '0', '--data-dir', dataDir]);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(serve.stdout()).toContain(dataDir);
    const health = await fetch(`${serve.url}health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: pkg.version });
    const info = await fetch(`${serve.url}api/rpc/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({
      ok: true,
      data: { runtime: 'server', dataDir, cloudEscalation: 'allow' },
    });
    expect(await serve.stop()).toBe(0);
  });

  it('serve takes the cloud escalation setting and reports it', async () => {
    const serve = await startServe([
      '--port',
      '0',
      '--data-dir',
      join(temp.dir, 'never-data'),
      '--cloud-escalation',
      'never',
    ]);
    const info = await fetch(`${serve.url}api/rpc/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({ ok: true, data: { cloudEscalation: 'never' } });
    expect(await serve.stop()).toBe(0);
  });

  it('shuts down promptly on SIGTERM while a page listens for events', async () => {
    const serve = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'sse-data')]);
    const events = await fetch(`${serve.url}api/events`);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': homelane events');
    // Without closing open streams, shutdown would wait for the page to go away
    // (and this test would time out).
    expect(await serve.stop()).toBe(0);
    expect((await reader.read().catch(() => ({ done: true }))).done).toBe(true);
  });

  it('refuses a non-loopback bind with a clear message', async () => {
    const result = await runHomelane([
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      temp.dir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refusing to listen on 0.0.0.0');
  });

  it('rejects a bad port and an unusable data folder', async () => {
    const badPort = await runHomelane(['serve', '--port', 'eighty']);
    expect(badPort.code).not.toBe(0);
    expect(badPort.stderr).toContain('a port is a whole number');

    const file = join(temp.dir, 'a-file');
    writeFileSync(file, 'x');
    const badDir = await runHomelane(['serve', '--port', '0', '--data-dir', join(file, 'data')]);
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toContain('cannot be created or written');
  });

  it('reports a port that is taken', async () => {
    const first = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'one')]);
    try {
      const port = new URL(first.url).port;
      const second = await runHomelane([
        'serve',
        '--port',
        port,
        '--data-dir',
        join(temp.dir, 'two'),
      ]);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('cannot listen');
    } finally {
      await first.stop();
    }
  });
});
