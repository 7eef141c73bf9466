import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type {
  EventEnvelope,
  ManagedProgress,
  MethodInput,
  MethodName,
} from '../../src-main/contract';
import type { ManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { findTestDockerEngine } from '../support/docker-engine';
import { pricedStandInPolicy } from '../support/priced-policy';
import { dataOf, rpcOverHttp } from '../support/rpc-http';
import { standInManagedSpec } from '../support/stand-in-managed-lane';
import { makeTempDir } from '../support/temp-dir';

// The managed container driven the way the Lanes page drives it — through
// POST /api/rpc/lanes.managed.* — on a real Docker engine: flags saved,
// a start reported step by step as lanes.managed.progress events, its
// lanes healthy once it answers, its logs, a stop; an image that cannot be
// had fails with its reason. The image is the stand-in server (no GPU here).

const engine = await findTestDockerEngine();
if (!engine.ok) console.warn(`managed-lanes HTTP tests skipped: ${engine.reason}`);

describe.skipIf(!engine.ok)(
  `managed lanes over HTTP on a real Docker engine (${engine.ok ? engine.host : engine.reason})`,
  () => {
    const docker = (engine as { docker: Docker }).docker;
    const temp = makeTempDir('homelane-managed-http-');
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const name = `gpu-${suffix}`;
    const missing = `nothing-${suffix}`;
    const progress: ManagedProgress[] = [];
    let app: AppServer;
    let spec: ManagedLaneSpec;

    async function rpc<M extends MethodName>(method: M, input: MethodInput<M>) {
      return (await rpcOverHttp(app.url, method, input)).result;
    }

    const ended = (lane: string, from: number) =>
      progress
        .slice(from)
        .find(
          (event) => event.name === lane && (event.step === 'ready' || event.step === 'failed'),
        );

    beforeAll(async () => {
      process.env['DOCKER_HOST'] = (engine as { host: string }).host;
      spec = await standInManagedSpec(docker, temp.dir, {
        aliases: ['local/small'],
        name,
        containerName: `homelane-http-${suffix}`,
      });
      const policy = join(temp.dir, 'policy.yaml');
      writeFileSync(policy, pricedStandInPolicy('http://127.0.0.1:9'));
      app = await startAppServer({
        dataDir: join(temp.dir, 'data'),
        profile: await loadProfile(policy),
      });
      app.context.events.subscribe((event: EventEnvelope) => {
        if (event.name === 'lanes.managed.progress')
          progress.push(event.payload as ManagedProgress);
      });
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      for (const container of [spec?.containerName, `homelane-http-missing-${suffix}`]) {
        if (container)
          await docker
            .getContainer(container)
            .remove({ force: true })
            .catch(() => undefined);
      }
      temp.cleanup();
    });

    it('saves the flags; no container exists yet', async () => {
      const saved = await rpc('lanes.managed.spec.set', { spec });
      expect(saved.ok).toBe(true);
      expect(dataOf(saved).lanes.managed.map((lane) => lane.name)).toEqual([name]);
      const status = await rpc('lanes.managed.status', { name });
      expect(status).toMatchObject({ ok: true, data: { state: 'absent', operation: null } });
    });

    it('starts in the background, reporting each step, and its lane turns healthy', async () => {
      const from = progress.length;
      const started = await rpc('lanes.managed.up', { name });
      expect(started).toEqual({ ok: true, data: { name, started: true } });
      const during = await rpc('lanes.managed.status', { name });
      expect(dataOf(during).operation).toBe('up');
      await expect.poll(() => ended(name, from), { timeout: 45_000 }).toBeDefined();
      const steps = progress.slice(from).filter((event) => event.name === name);
      expect(steps.at(-1)).toMatchObject({ step: 'ready', error: null });
      expect(steps.map((event) => event.step)).toEqual(
        expect.arrayContaining(['preflight', 'network', 'create', 'start', 'ready']),
      );
      const status = await rpc('lanes.managed.status', { name });
      expect(dataOf(status)).toMatchObject({ state: 'running', upToDate: true, operation: null });
      await expect
        .poll(async () => {
          const lanes = await rpc('lanes.list', {});
          return dataOf(lanes).lanes.find((lane) => lane.id === `local/small@${name}`)?.health
            ?.state;
        })
        .toBe('healthy');
    }, 60_000);

    it("returns the container's last lines", async () => {
      const logs = await rpc('lanes.managed.logs', { name, tail: 20 });
      expect(logs.ok).toBe(true);
      expect(
        dataOf(logs)
          .lines.map((line) => line.line)
          .join('\n'),
      ).toContain(`stand-in-llm listening on http://127.0.0.1:${spec.containerPort}`);
      expect(dataOf(logs).lines.length).toBeLessThanOrEqual(20);
    });

    it('stops it, and starts the same container again', async () => {
      const before = await rpc('lanes.managed.status', { name });
      const stopped = await rpc('lanes.managed.down', { name });
      expect(stopped).toMatchObject({ ok: true, data: { state: 'exited', operation: null } });
      const from = progress.length;
      await rpc('lanes.managed.up', { name });
      await expect
        .poll(() => ended(name, from), { timeout: 45_000 })
        .toMatchObject({
          step: 'ready',
        });
      const again = await rpc('lanes.managed.status', { name });
      expect(dataOf(again).containerId).toBe(dataOf(before).containerId);
    }, 60_000);

    it('refuses to forget a running container, then removes and forgets it', async () => {
      const refused = await rpc('lanes.forget', { name });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'unavailable', details: { reason: 'running' } },
      });
      const removed = await rpc('lanes.managed.down', { name, remove: true });
      expect(removed).toMatchObject({ ok: true, data: { state: 'absent' } });
      const forgotten = await rpc('lanes.forget', { name });
      expect(forgotten).toMatchObject({ ok: true, data: { kind: 'managed' } });
    }, 60_000);

    it('fails a start whose image cannot be had, saying so', async () => {
      const saved = await rpc('lanes.managed.spec.set', {
        spec: {
          ...spec,
          name: missing,
          containerName: `homelane-http-missing-${suffix}`,
          image: `homelane-test/not-there-${suffix}:1`,
        },
      });
      expect(saved.ok).toBe(true);
      const from = progress.length;
      await rpc('lanes.managed.up', { name: missing });
      await expect
        .poll(() => ended(missing, from), { timeout: 45_000 })
        .toMatchObject({
          step: 'failed',
          error: { code: 'image_missing' },
        });
      const steps = progress.slice(from).filter((event) => event.name === missing);
      expect(steps.some((event) => event.step === 'pull' && event.pull !== null)).toBe(true);
    }, 60_000);
  },
);
