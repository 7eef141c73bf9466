import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { fakeGpuDevices, findTestDockerEngine, importStandInImage } from '../support/docker-engine';
import { runHomelane } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// `homelane lanes up | check | logs | down` from the built CLI on a real
// Docker engine (see test/support/docker-engine.ts), editing the reference
// spec with --set the way a person would for this machine.

const engine = await findTestDockerEngine();
if (!engine.ok) console.warn(`lanes Docker CLI tests skipped: ${engine.reason}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe.skipIf(!engine.ok)(
  `homelane lanes on a real Docker engine (${engine.ok ? engine.host : engine.reason})`,
  () => {
    const docker = (engine as { docker: Docker }).docker;
    const host = (engine as { host: string }).host;
    const temp = makeTempDir('homelane-lanes-docker-');
    const dataDir = join(temp.dir, 'data');
    const policy = join(temp.dir, 'policy.yaml');
    const name = `cli-${process.pid}`;
    let edits: string[];
    let port: number;

    const run = (args: string[]) =>
      runHomelane([...args, '--data-dir', dataDir], 60_000, {
        env: { DOCKER_HOST: host, HOMELANE_LOG_LEVEL: 'silent' },
      });

    beforeAll(async () => {
      writeFileSync(
        policy,
        `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: local/small
      backend_refs: [{ name: primary, endpoint: "vllm:8000" }]
routing:
  modelCards: [{ name: local/small }]
  decisions: []
`,
      );
      const image = await importStandInImage(docker, temp.dir);
      const devices = await fakeGpuDevices(temp.dir);
      port = await freePort();
      edits = [
        `image=${image}`,
        `containerName=homelane-${name}`,
        'network=host',
        'listenHost=127.0.0.1',
        `containerPort=${port}`,
        `devices=${JSON.stringify([
          { hostPath: devices.kfd, containerPath: '/dev/kfd' },
          { hostPath: devices.dri, containerPath: '/dev/dri' },
        ])}`,
        `volumes=${JSON.stringify([
          {
            hostPath: join(temp.dir, 'hf'),
            containerPath: '/root/.cache/huggingface',
            readOnly: false,
          },
        ])}`,
        'extraArgs=["--persist"]',
        'startupTimeoutSeconds=30',
      ];
    }, 120_000);

    afterAll(async () => {
      await run(['lanes', 'down', name, '--remove']).catch(() => undefined);
      temp.cleanup();
    });

    it('up starts the container and reports where it serves', async () => {
      const up = await run([
        'lanes',
        'up',
        name,
        '-c',
        policy,
        ...edits.flatMap((edit) => ['--set', edit]),
      ]);
      expect(up.stderr).toContain('start: Starting container');
      expect(up.code).toBe(0);
      expect(up.stdout).toContain(`${name} is running at http://127.0.0.1:${port}`);
    }, 60_000);

    it('lists the managed lane first for the alias it serves, and check reports the container and the server', async () => {
      const listed = await run(['lanes', 'list', '-c', policy, '--json']);
      const lanes = (JSON.parse(listed.stdout) as { lanes: { id: string; locality: string }[] })
        .lanes;
      // Renamed and moved for this machine, it no longer stands in for the policy's vllm:8000.
      expect(lanes.map((lane) => [lane.id, lane.locality])).toEqual([
        [`local/small@${name}`, 'local'],
        ['local/small_primary', 'lan'],
      ]);
      const checked = await run(['lanes', 'check', name]);
      expect(checked.code).toBe(0);
      expect(checked.stdout).toMatch(new RegExp(`managed ${name}: container running`));
      expect(checked.stdout).toMatch(/ok\s+\d+ ms\s+serves 1 model\(s\)/);
    });

    it('logs prints the server output', async () => {
      const logs = await run(['lanes', 'logs', name, '--tail', '20']);
      expect(logs.code).toBe(0);
      expect(logs.stdout).toContain(`stand-in-llm listening on http://127.0.0.1:${port}`);
    });

    it('down stops it, and check then fails with the container exited', async () => {
      const down = await run(['lanes', 'down', name]);
      expect(down.code).toBe(0);
      expect(down.stdout).toContain(`${name}: exited`);
      const checked = await run(['lanes', 'check', name, '--timeout', '2']);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toContain('container exited');
      expect(checked.stdout).toContain('FAILED');
    });
  },
);
