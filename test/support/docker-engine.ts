import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';

// A real Docker engine for the managed-lane tests. CI starts one on a private
// socket (`dockerd --iptables=false --bridge=none`) and names it in
// HOMELANE_TEST_DOCKER_HOST; where there is none, or it does not answer, the
// tests skip and say why. No image can be pulled here, so the tests import
// one built from local files: busybox, this Node binary with the libraries it
// links, and the stand-in LLM server.

const run = promisify(execFile);
const STAND_IN = fileURLToPath(new URL('./stand-in-llm/server.mjs', import.meta.url));

export type TestEngine = { ok: true; docker: Docker; host: string } | { ok: false; reason: string };

export async function findTestDockerEngine(
  env: Record<string, string | undefined> = process.env,
): Promise<TestEngine> {
  const host = env['HOMELANE_TEST_DOCKER_HOST'];
  if (!host || !host.startsWith('unix://')) {
    return {
      ok: false,
      reason:
        'no Docker engine for tests: HOMELANE_TEST_DOCKER_HOST is not set to a unix:// socket (.ci/run starts one)',
    };
  }
  const docker = new Docker({ socketPath: host.slice('unix://'.length) });
  try {
    await docker.ping();
  } catch (error) {
    return { ok: false, reason: `the Docker engine at ${host} does not answer: ${String(error)}` };
  }
  return { ok: true, docker, host };
}

/** The shared libraries a binary loads, from `ldd`. */
async function linkedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  const paths: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) paths.push(match[1]);
  }
  return paths;
}

async function which(command: string): Promise<string> {
  const { stdout } = await run('sh', ['-c', `command -v ${command}`]);
  return realpathSync(stdout.trim());
}

/** Builds the stand-in image's root folder and tarball; returns the tarball's path. */
export async function buildStandInTarball(workDir: string): Promise<string> {
  const root = join(workDir, 'rootfs');
  const put = (source: string, target: string) => {
    mkdirSync(dirname(join(root, target)), { recursive: true });
    copyFileSync(source, join(root, target));
  };
  const node = realpathSync(process.execPath);
  put(node, '/bin/node');
  for (const library of await linkedLibraries(node)) put(realpathSync(library), library);
  put(await which('busybox'), '/bin/busybox');
  for (const tool of ['sh', 'ls', 'cat', 'id']) symlinkSync('busybox', join(root, 'bin', tool));
  put(STAND_IN, '/app/server.mjs');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'tmp'), { recursive: true });
  writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\nvideo:x:44:\n');
  const tarball = join(workDir, 'stand-in-image.tar');
  await run('tar', ['-C', root, '-cf', tarball, '.']);
  return tarball;
}

/** The tag for this checkout's stand-in (it changes when the server file does). */
export function standInImageTag(): string {
  const digest = createHash('sha256').update(readFileSync(STAND_IN)).digest('hex').slice(0, 12);
  return `homelane-test/stand-in-vllm:${digest}`;
}

/** Imports the stand-in image unless the engine has it already; returns its tag. */
export async function importStandInImage(docker: Docker, workDir: string): Promise<string> {
  const tag = standInImageTag();
  try {
    await docker.getImage(tag).inspect();
    return tag;
  } catch {
    // not there yet
  }
  const tarball = await buildStandInTarball(workDir);
  const [repo, version] = tag.split(':') as [string, string];
  const stream = await docker.importImage(tarball, {
    repo,
    tag: version,
    changes: ['ENTRYPOINT ["/bin/node", "/app/server.mjs"]'],
  });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: unknown) => (error ? reject(error) : resolve())),
  );
  return tag;
}

/**
 * Stand-ins for the GPU's device nodes: character devices made with mknod
 * (root only), else /dev/null, so Docker has something real to map.
 */
export async function fakeGpuDevices(workDir: string): Promise<{ kfd: string; dri: string }> {
  const dri = join(workDir, 'dri');
  mkdirSync(dri, { recursive: true });
  const kfd = join(workDir, 'kfd');
  try {
    await run('mknod', [kfd, 'c', '1', '3']);
    await run('mknod', [join(dri, 'renderD128'), 'c', '1', '3']);
    return { kfd, dri };
  } catch {
    return { kfd: '/dev/null', dri: '/dev/zero' };
  }
}
