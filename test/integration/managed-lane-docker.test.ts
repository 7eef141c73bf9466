import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { dockerEndpoint } from '../../src-main/core/lanes/managed/docker-connection';
import { ManagedLane } from '../../src-main/core/lanes/managed/managed-lane';
import type { LifecycleStep } from '../../src-main/core/lanes/managed/managed-lane';
import { ManagedLaneError } from '../../src-main/core/lanes/managed/managed-lane-error';
import { defaultManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import type { ManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import { createOpenAiClient } from '../../src-main/core/lanes/openai-client';
import { findTestDockerEngine } from '../support/docker-engine';
import { closedPort } from '../support/fake-lan-servers';
import { standInManagedSpec } from '../support/stand-in-managed-lane';
import { makeTempDir } from '../support/temp-dir';

// The managed lane's whole life on a real Docker engine, through Homelane's
// own code: the image is the stand-in server (the GPU server cannot run
// here), the GPU devices are stand-in device nodes, and the container uses
// host networking (the engine runs without iptables or a default bridge).

const engine = await findTestDockerEngine();
if (!engine.ok) console.warn(`managed-lane Docker tests skipped: ${engine.reason}`);

const ALIASES = ['qwen/qwen3.5-rocm', 'openai/gpt5.4'];

async function expectLaneError(promise: Promise<unknown>, code: string): Promise<ManagedLaneError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ManagedLaneError);
  expect((error as ManagedLaneError).code).toBe(code);
  return error as ManagedLaneError;
}

describe.skipIf(!engine.ok)(
  `managed lane on a real Docker engine (${engine.ok ? engine.host : engine.reason})`,
  () => {
    const docker = (engine as { docker: Docker }).docker;
    const temp = makeTempDir('homelane-docker-');
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const env = { DOCKER_HOST: (engine as { host: string }).host };
    let spec: ManagedLaneSpec;
    let lane: ManagedLane;

    beforeAll(async () => {
      spec = await standInManagedSpec(docker, temp.dir, {
        aliases: ALIASES,
        name: `test-${suffix}`,
        containerName: `homelane-test-${suffix}`,
      });
      lane = new ManagedLane(spec, dockerEndpoint(env));
    }, 120_000);

    afterAll(async () => {
      await lane?.remove().catch(() => undefined);
      temp.cleanup();
    });

    it('starts the lane, waits for /health, and answers chats for every served alias', async () => {
      const steps: LifecycleStep[] = [];
      const status = await lane.up({ onStep: (step) => steps.push(step), pollMs: 100 });
      expect(status.state).toBe('running');
      expect(status.upToDate).toBe(true);
      expect(steps.map((step) => step.step)).toEqual(
        expect.arrayContaining(['preflight', 'network', 'create', 'start', 'ready']),
      );
      const client = createOpenAiClient({
        baseUrl: lane.baseUrl,
        connectTimeoutMs: 5000,
        idleTimeoutMs: 5000,
      });
      expect(await client.listModels()).toEqual(ALIASES);
      const answer = await client.chat({
        model: 'qwen/qwen3.5-rocm',
        messages: [{ role: 'user', content: 'hello from the managed lane' }],
      });
      expect(answer.content).toBe('Echo: hello from the managed lane');
    }, 60_000);

    it('the running container carries every ROCm flag of the reference deployment', async () => {
      const status = await lane.status();
      const info = await docker.getContainer(status.containerId ?? '').inspect();
      const host = info.HostConfig;
      expect(
        host.Devices?.map((device: { PathInContainer: string }) => device.PathInContainer),
      ).toEqual(['/dev/kfd', '/dev/dri']);
      expect(host.GroupAdd).toEqual(['video']);
      expect(host.IpcMode).toBe('host');
      expect(host.CapAdd?.map((cap: string) => cap.replace(/^CAP_/, ''))).toEqual(['SYS_PTRACE']);
      expect(host.SecurityOpt).toContain('seccomp=unconfined');
      expect(host.ShmSize).toBe(32 * 1024 ** 3);
      expect(host.RestartPolicy?.Name).toBe('unless-stopped');
      expect(host.NetworkMode).toBe('host');
      expect(info.Mounts.map((mount) => mount.Destination)).toEqual(['/root/.cache/huggingface']);
      expect(info.Config.Env).toEqual(
        expect.arrayContaining([
          'VLLM_ROCM_USE_AITER=1',
          'VLLM_USE_AITER_UNIFIED_ATTENTION=1',
          'VLLM_ROCM_USE_AITER_MHA=0',
        ]),
      );
      const cmd = info.Config.Cmd.join(' ');
      for (const flag of [
        '--model Qwen/Qwen3.5-122B-A10B-FP8',
        '--enable-auto-tool-choice',
        '--tool-call-parser qwen3_coder',
        `--served-model-name ${ALIASES.join(' ')}`,
        '--trust-remote-code',
        '--reasoning-parser qwen3',
        '--max-model-len 262144',
        '--language-model-only',
        '--max-num-seqs 128',
        '--kv-cache-dtype fp8',
        '--gpu-memory-utilization 0.85',
      ]) {
        expect(cmd).toContain(flag);
      }
      // The container really sees the GPU device nodes and the video group.
      const exec = await docker.getContainer(info.Id).exec({
        Cmd: ['/bin/sh', '-c', 'ls /dev/kfd /dev/dri && id'],
        AttachStdout: true,
        AttachStderr: true,
      });
      const output = await new Promise<string>((resolve, reject) => {
        exec.start({}, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error('no exec stream'));
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
          stream.on('end', () => resolve(text));
        });
      });
      expect(output).toContain('/dev/kfd');
      expect(output).toMatch(/groups=.*video/);
    });

    it('streams the container logs', async () => {
      const lines: string[] = [];
      for await (const entry of lane.logs({ tail: 50 })) lines.push(entry.line);
      expect(lines.join('\n')).toContain(
        `stand-in-llm listening on http://127.0.0.1:${spec.containerPort}`,
      );

      const controller = new AbortController();
      const followed: string[] = [];
      for await (const entry of lane.logs({ follow: true, tail: 5, signal: controller.signal })) {
        followed.push(entry.line);
        controller.abort();
      }
      expect(followed.length).toBeGreaterThan(0);
    });

    it('stops with down and starts the same container again with up', async () => {
      const before = await lane.status();
      const stopped = await lane.down(5);
      expect(stopped.state).toBe('exited');
      const again = await lane.up({ pollMs: 100 });
      expect(again.state).toBe('running');
      expect(again.containerId).toBe(before.containerId);
    }, 60_000);

    it('re-makes the container when the spec changed', async () => {
      const before = await lane.status();
      const edited = new ManagedLane({ ...spec, maxNumSeqs: 64 }, dockerEndpoint(env));
      expect((await edited.status()).upToDate).toBe(false);
      const after = await edited.up({ pollMs: 100 });
      expect(after.containerId).not.toBe(before.containerId);
      const info = await docker.getContainer(after.containerId ?? '').inspect();
      expect(info.Config.Cmd.join(' ')).toContain('--max-num-seqs 64');
      lane = edited;
    }, 60_000);

    it('says clearly when a device is missing, the port is taken or the image cannot be had', async () => {
      const other = (changes: Partial<ManagedLaneSpec>) =>
        new ManagedLane(
          {
            ...spec,
            name: `other-${suffix}`,
            containerName: `homelane-other-${suffix}`,
            ...changes,
          },
          dockerEndpoint(env),
        );
      const noDevice = await expectLaneError(
        other({
          devices: [{ hostPath: join(temp.dir, 'no-kfd'), containerPath: '/dev/kfd' }],
        }).up(),
        'device_missing',
      );
      expect(noDevice.message).toContain('no-kfd');

      const blocker: Server = createServer();
      const port = await closedPort();
      await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
      try {
        const taken = await expectLaneError(other({ containerPort: port }).up(), 'port_in_use');
        expect(taken.message).toContain(String(port));
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }

      const missing = await expectLaneError(
        other({ image: 'homelane-test/not-there:0', containerPort: await closedPort() }).up(),
        'image_missing',
      );
      expect(missing.message).toContain('homelane-test/not-there:0');
    }, 60_000);

    it('refuses a container of that name that Homelane did not make', async () => {
      const name = `homelane-foreign-${suffix}`;
      const foreign = await docker.createContainer({ name, Image: spec.image, Cmd: ['--persist'] });
      try {
        const other = new ManagedLane(
          { ...spec, name: 'foreign', containerName: name },
          dockerEndpoint(env),
        );
        await expectLaneError(other.status(), 'name_taken');
      } finally {
        await foreign.remove({ force: true });
      }
    });

    it('creates its network when it does not exist', async () => {
      const network = `homelane-test-net-${suffix}`;
      const other = new ManagedLane({ ...spec, network }, dockerEndpoint(env));
      await other.ensureNetwork();
      await other.ensureNetwork();
      const found = await docker.listNetworks({ filters: { name: [network] } });
      expect(found.map((entry) => entry.Name)).toEqual([network]);
      await docker.getNetwork(network).remove();
    });

    it('removes the container', async () => {
      await lane.remove();
      expect((await lane.status()).state).toBe('absent');
      await expectLaneError(lane.down(), 'not_created');
    });
  },
);

describe('managed lane without a Docker engine', () => {
  it('says no Docker engine answers, naming the socket', async () => {
    const temp = makeTempDir();
    try {
      const socket = join(temp.dir, 'no-docker.sock');
      const lane = new ManagedLane(
        defaultManagedLaneSpec(ALIASES, { env: {} }),
        dockerEndpoint({ DOCKER_HOST: `unix://${socket}` }),
      );
      const error = await expectLaneError(lane.up(), 'no_docker');
      expect(error.message).toContain(socket);
    } finally {
      temp.cleanup();
    }
  });
});
