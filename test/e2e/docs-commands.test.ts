import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/serve-process';

// The docs' shell blocks work as written: scripts/check-docs.mjs runs every
// ```sh block of README.md and docs/*.md, starting and stopping `homelane
// serve` where a block does, playing the docs' example model server with the
// stand-in, and names the file:line of each block that fails.

const CHECKER = join(REPO_ROOT, 'scripts/check-docs.mjs');

function runChecker(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHECKER, ...args], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`check-docs did not finish in ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the commands in the docs', () => {
  it('all work as written (or are marked as not run, with a reason)', async () => {
    const { code, output } = await runChecker([], 170_000);
    expect(output, output).toMatch(/\n(\d+) blocks ran, 0 failed/);
    expect(code, output).toBe(0);
    const ran = Number(/(\d+) blocks ran/.exec(output)?.[1]);
    expect(ran).toBeGreaterThanOrEqual(24);
    // The server blocks really started a server and saw the dashboard.
    expect(output).toMatch(
      /ok {3}README\.md:\d+ .*server start\(s\): \/health and the dashboard answered/,
    );
    // Every skipped block gives its reason.
    for (const line of output.split('\n').filter((l) => l.startsWith('skip '))) {
      expect(line).toMatch(/^skip \S+:\d+ \(.+\)$/);
    }
  }, 180_000);

  it('names the file and line of a block that fails, and of a server that never starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homelane-doc-test-'));
    const doc = join(dir, 'broken.md');
    writeFileSync(
      doc,
      [
        '# Broken',
        '',
        '```sh',
        'npx homelane validate recipes/privacy/config.yaml',
        '```',
        '',
        '```sh',
        'npx homelane validate no-such-file.yaml',
        '```',
        '',
        '```sh',
        'npx homelane serve -c no-such-policy.yaml',
        '```',
        '',
        '<!-- doc-check: skip (shows the marker) -->',
        '',
        '```sh',
        'false',
        '```',
        '',
      ].join('\n'),
    );
    const { code, output } = await runChecker([doc], 60_000).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/ok {3}\S*broken\.md:3 /);
    expect(output).toMatch(/FAIL \S*broken\.md:7 /);
    expect(output).toMatch(/FAIL \S*broken\.md:11 /);
    expect(output).toContain('the server ended before it printed its address');
    expect(output).toMatch(/skip \S*broken\.md:17 \(shows the marker\)/);
    expect(output).toContain('3 blocks ran, 2 failed, 1 skipped by a marker');
  }, 70_000);
});
