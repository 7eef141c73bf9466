import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findTestDockerEngine } from '../support/docker-engine';
import { REPO_ROOT } from '../support/serve-process';

// The container image for headless `homelane serve`. The static checks always
// run; the build-and-run check needs a Docker engine (HOMELANE_TEST_DOCKER_HOST)
// that already has the base image, since nothing is pulled in tests.
// HOMELANE_TEST_NODE_IMAGE names another local Node 20 image to build from;
// HOMELANE_TEST_SERVE_IMAGE names an image CI already built from this checkout
// (.ci/run builds it while it installs, so the build's minutes of CPU do not
// run beside the other tests), and then only the run is checked here.

const run = promisify(execFile);
const DOCKERFILE = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const DOCKERIGNORE = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
const DEFAULT_BASE = 'node:20-bookworm-slim';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions in order: continuations joined, comments and blank lines dropped. */
function parseDockerfile(text: string): { preamble: Instruction[]; stages: Stage[] } {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s+(.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) throw new Error(`unparsable line: ${line}`);
    const instruction = { keyword: match[1].toUpperCase(), args: match[2].replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      stages.push({ from: from?.[1] ?? '', name: from?.[2], instructions: [] });
    } else if (stages.length === 0) preamble.push(instruction);
    else stages[stages.length - 1]?.instructions.push(instruction);
  }
  return { preamble, stages };
}

const { preamble, stages } = parseDockerfile(DOCKERFILE);
const runtime = stages[stages.length - 1];
const argsOf = (stage: Stage | undefined, keyword: string) =>
  (stage?.instructions ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile (static)', () => {
  it('builds in two stages from the Node 20 slim image', () => {
    expect(preamble).toContainEqual({ keyword: 'ARG', args: `NODE_IMAGE=${DEFAULT_BASE}` });
    expect(stages.map((s) => [s.from, s.name])).toEqual([
      ['${NODE_IMAGE}', 'build'],
      ['${NODE_IMAGE}', 'runtime'],
    ]);
    const buildRuns = argsOf(stages[0], 'RUN').join('\n');
    expect(buildRuns).toContain('npm ci');
    expect(buildRuns).toContain('npm prune --omit=dev');
    expect(buildRuns).toMatch(/g\+\+/);
    // The runtime stage gets the results, not the toolchain.
    expect(argsOf(runtime, 'RUN').join('\n')).not.toMatch(/apt-get|g\+\+|npm ci/);
    expect(argsOf(runtime, 'COPY').every((a) => a.startsWith('--from=build '))).toBe(true);
  });

  it('runs as an unprivileged user with its data in a volume', () => {
    const users = argsOf(runtime, 'USER');
    expect(users).toEqual(['node']);
    expect(argsOf(runtime, 'VOLUME')).toEqual(['["/data"]']);
    expect(argsOf(runtime, 'ENV').join(' ')).toContain('HOMELANE_DATA_DIR=/data');
  });

  it('serves on 0.0.0.0:8801, checks /health, and bakes in no token', () => {
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['8801']);
    const healthcheck = argsOf(runtime, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toContain('http://127.0.0.1:8801/health');
    const [entrypoint] = argsOf(runtime, 'ENTRYPOINT');
    expect(JSON.parse(entrypoint ?? 'null')).toEqual([
      'node',
      'bin/homelane.js',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '8801',
      '--data-dir',
      '/data',
    ]);
    expect(DOCKERFILE).not.toMatch(/^\s*(ENV|ARG)\s+.*HOMELANE_TOKEN/m);
  });

  it('keeps the build context small: no dependencies, builds or tests of the host', () => {
    const ignored = DOCKERIGNORE.split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'out', 'dist', '.git', 'test']) {
      expect(ignored).toContain(entry);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** What the run needs: an image of this checkout, or a base image to build one from. */
type Readiness =
  { host: string; prebuilt: string } | { host: string; base: string } | { skip: string };

async function dockerReadiness(): Promise<Readiness> {
  const engine = await findTestDockerEngine();
  if (!engine.ok) return { skip: engine.reason };
  try {
    await run('docker', ['--version']);
  } catch {
    return { skip: 'the docker command-line client is not installed' };
  }
  const prebuilt = process.env['HOMELANE_TEST_SERVE_IMAGE'];
  if (prebuilt) {
    // Named by CI, which built it from this checkout before the tests (so the
    // build does not run beside them); a missing one is a failure, not a skip.
    return { host: engine.host, prebuilt };
  }
  const base = process.env['HOMELANE_TEST_NODE_IMAGE'] ?? DEFAULT_BASE;
  try {
    await engine.docker.getImage(base).inspect();
  } catch {
    return {
      skip: `the base image ${base} is not present on the Docker engine at ${engine.host} (tests pull nothing; load it, or name a local Node 20 image in HOMELANE_TEST_NODE_IMAGE)`,
    };
  }
  return { host: engine.host, base };
}

const readiness = await dockerReadiness();
if ('skip' in readiness) {
  describe('Dockerfile (build and run)', () => {
    it.skip(`skipped: ${readiness.skip}`, () => undefined);
  });
} else {
  const { host } = readiness;
  const title =
    'prebuilt' in readiness
      ? `the image CI built from this checkout (${readiness.prebuilt}) answers /health and the dashboard, with a token`
      : 'builds, and the container answers /health and the dashboard, with a token';
  describe('Dockerfile (build and run)', () => {
    it(
      title,
      async () => {
        const docker = (args: string[], timeout = 60_000) =>
          run('docker', ['-H', host, ...args], { timeout, maxBuffer: 64 * 1024 * 1024 });
        let tag: string;
        if ('prebuilt' in readiness) {
          tag = readiness.prebuilt;
          const inspected = await docker(['image', 'inspect', '--format', '{{json .Config}}', tag]);
          const config = JSON.parse(inspected.stdout) as { User?: string; ExposedPorts?: object };
          expect(config.User).toBe('node');
          expect(Object.keys(config.ExposedPorts ?? {})).toEqual(['8801/tcp']);
        } else {
          tag = `homelane-test/serve:${process.pid}`;
          // Host networking: the test engine runs without a bridge; npm ci needs the registry.
          await docker(
            [
              'build',
              '--network',
              'host',
              '--build-arg',
              `NODE_IMAGE=${readiness.base}`,
              '-t',
              tag,
              REPO_ROOT,
            ],
            900_000,
          );
        }
        const port = await freePort();
        const token = 'doc-test-token-0123456789abcdef';
        const { stdout } = await docker([
          'run',
          '-d',
          '--network',
          'host',
          '-e',
          `HOMELANE_TOKEN=${token}`,
          tag,
          '--port',
          String(port),
        ]);
        const id = stdout.trim();
        try {
          const url = `http://127.0.0.1:${port}`;
          let health: Response | undefined;
          for (let i = 0; i < 120 && !health?.ok; i++) {
            health = await fetch(`${url}/health`).catch(() => undefined);
            if (!health?.ok) await new Promise((r) => setTimeout(r, 500));
          }
          expect(health?.status).toBe(200);
          expect(await (await fetch(`${url}/`)).text()).toContain('<div id="root"');
          expect((await fetch(`${url}/v1/models`)).status).toBe(401);
          const models = await fetch(`${url}/v1/models`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(models.status).toBe(200);
          const user = await docker(['exec', id, 'id', '-un']);
          expect(user.stdout.trim()).toBe('node');
        } finally {
          await docker(['rm', '-f', id]).catch(() => undefined);
          if (!('prebuilt' in readiness)) await docker(['rmi', '-f', tag]).catch(() => undefined);
        }
      },
      1_000_000,
    );
  });
}
