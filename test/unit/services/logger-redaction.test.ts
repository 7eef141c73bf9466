import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The logger writes to stderr from its own process; a child process logs
// objects that carry keys the way lane and secret code might, and the lines
// it prints must not contain them.

const LOGGER = fileURLToPath(new URL('../../../src-main/core/logger.ts', import.meta.url));

describe('the logger', () => {
  it('never prints API keys or authorization headers', () => {
    const script = `
      const { createLogger } = await import(${JSON.stringify(LOGGER)});
      const log = createLogger('test');
      log.info({ apiKey: 'sk-live-1234567890', lane: 'a' }, 'one');
      log.info({ request: { headers: { authorization: 'Bearer tok-abcdefgh', 'x-api-key': 'ak-abcdefgh' } } }, 'two');
      log.info({ api_key: 'sk-other-0987654321' }, 'three');
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        env: { ...process.env, HOMELANE_LOG_LEVEL: 'info' },
      },
    );
    expect(child.status).toBe(0);
    const lines = child.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const secret of [
      'sk-live-1234567890',
      'tok-abcdefgh',
      'ak-abcdefgh',
      'sk-other-0987654321',
    ]) {
      expect(child.stderr).not.toContain(secret);
    }
    expect(child.stderr.match(/\[redacted\]/g)).toHaveLength(4);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ lane: 'a', msg: 'one' });
  });

  it('masks PII and secrets the detector finds, in messages and in logged values', () => {
    const key = ['AKIA', 'FAKE'.repeat(4)].join('');
    const script = `
      const { createLogger } = await import(${JSON.stringify(LOGGER)});
      const log = createLogger('test');
      log.warn({ url: 'postgres://admin:hunter2secret@db.example.com/prod', note: 'ok' }, 'cannot reach db');
      log.error({ err: new Error('rejected key ${key} for ada@example.org') }, 'lane failed for ada@example.org');
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', env: { ...process.env, HOMELANE_LOG_LEVEL: 'info' } },
    );
    expect(child.status).toBe(0);
    for (const secret of ['hunter2secret', key, 'ada@example.org']) {
      expect(child.stderr).not.toContain(secret);
    }
    const [first, second] = child.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ note: 'ok', msg: 'cannot reach db' });
    expect(String(first?.['url'])).toContain('[SECRET:CONNECTION_STRING]');
    expect(second?.['msg']).toBe('lane failed for [EMAIL_ADDRESS]');
    expect(JSON.stringify(second?.['err'])).toContain('[SECRET:AWS_ACCESS_KEY]');
  });
});
