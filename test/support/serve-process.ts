import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Spawned commands never read the user's real data folder: unless a test
// passes --data-dir, they get an empty one of their own.
const ISOLATED_DATA_DIR = mkdtempSync(join(tmpdir(), 'homelane-cli-data-'));
const childEnv = () => ({ ...process.env, HOMELANE_DATA_DIR: ISOLATED_DATA_DIR });
export const HOMELANE_BIN = fileURLToPath(new URL('../../bin/homelane.js', import.meta.url));

export interface ServeProcess {
  url: string;
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Runs the built `homelane` command to completion. */
export function runHomelane(
  args: string[],
  timeoutMs = 20_000,
  extra: { env?: Record<string, string>; input?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOMELANE_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...childEnv(), ...extra.env },
    });
    child.stdin.end(extra.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `homelane ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `homelane serve` from the built output and waits for the line that
 * names its URL. Fails (never skips) when the build is missing.
 */
export function startServe(args: string[], timeoutMs = 20_000): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOMELANE_BIN, 'serve', ...args], {
      cwd: REPO_ROOT,
      env: childEnv(),
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `homelane serve printed no URL in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        process: child,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `homelane serve exited (${code}) before serving\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    });
  });
}
