import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedLaneSpecViewSchema } from '../../../src-main/contract';
import type { EventEnvelope, ManagedProgress } from '../../../src-main/contract';
import {
  REFERENCE_IMAGE,
  managedLaneSpecSchema,
} from '../../../src-main/core/lanes/managed/managed-lane-spec';
import type { ManagedLaneSpec } from '../../../src-main/core/lanes/managed/managed-lane-spec';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { EventBus } from '../../../src-main/core/services/event-bus';
import { progressEmitter } from '../../../src-main/core/services/managed-operations';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

// The managed container's services where no Docker engine answers (the
// lifecycle on a real engine is in test/integration/managed-lanes-http.test.ts):
// the spec is read, checked and saved; Docker's absence is said with its
// reason, and a start reports it as a `failed` progress event.

let app: AppContextFixture;
const events: EventEnvelope[] = [];

beforeAll(async () => {
  // An engine socket that does not exist (whatever this machine has).
  process.env['DOCKER_HOST'] = `unix://${join(tmpdir(), `homelane-no-docker-${process.pid}.sock`)}`;
  app = await appContext();
  app.context.events.subscribe((event) => events.push(event));
});
afterAll(() => app.close());

async function specOf(name: string): Promise<ManagedLaneSpec> {
  const result = await dispatch(app.handlers, 'lanes.managed.spec.get', { name });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { spec: ManagedLaneSpec }).spec;
}

describe('lanes.managed.spec.get / .set', () => {
  it("offers the reference deployment serving the profile's aliases for a new lane", async () => {
    const result = await dispatch(app.handlers, 'lanes.managed.spec.get', { name: 'gpu' });
    expect(result).toMatchObject({
      ok: true,
      data: {
        saved: false,
        spec: {
          name: 'gpu',
          image: REFERENCE_IMAGE,
          servedModelNames: ['local/small', 'cloud/big'],
          kvCacheDtype: 'fp8',
        },
      },
    });
  });

  it('refuses an edit the core does not accept, naming each field', async () => {
    const spec = await specOf('gpu');
    const result = await dispatch(app.handlers, 'lanes.managed.spec.set', {
      spec: { ...spec, hostPort: 70000, gpuMemoryUtilization: 1.5, servedModelNames: [] },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'invalid_spec' } },
    });
    const problems = !result.ok ? (result.error.details as { problems: string[] }).problems : [];
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'gpuMemoryUtilization',
      'hostPort',
      'servedModelNames',
    ]);
    const unknown = await dispatch(app.handlers, 'lanes.managed.spec.set', {
      spec: { ...spec, turbo: true },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('saves a valid edit; its lanes appear', async () => {
    const spec = await specOf('gpu');
    const result = await dispatch(app.handlers, 'lanes.managed.spec.set', {
      spec: { ...spec, maxModelLen: 32768, servedModelNames: ['local/small'] },
    });
    expect(result.ok).toBe(true);
    const saved = await dispatch(app.handlers, 'lanes.managed.spec.get', { name: 'gpu' });
    expect(saved).toMatchObject({
      ok: true,
      data: { saved: true, spec: { maxModelLen: 32768, servedModelNames: ['local/small'] } },
    });
    const lanes = await dispatch(app.handlers, 'lanes.list', {});
    expect(lanes.ok && JSON.stringify(lanes.data)).toContain('local/small@gpu');
  });

  it("mirrors the core's spec fields in the contract", () => {
    expect(Object.keys(ManagedLaneSpecViewSchema.shape).sort()).toEqual(
      Object.keys(managedLaneSpecSchema.shape).sort(),
    );
  });
});

describe('lanes.managed.* without Docker', () => {
  it('reports the state as unknown, with the reason, when Docker cannot be asked', async () => {
    const result = await dispatch(app.handlers, 'lanes.managed.status', { name: 'gpu' });
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'gpu', state: 'unknown', problem: { code: 'no_docker' }, operation: null },
    });
  });

  it('says Docker is missing for logs and stop', async () => {
    for (const method of ['lanes.managed.logs', 'lanes.managed.down'] as const) {
      const result = await dispatch(app.handlers, method, { name: 'gpu' });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'unavailable', details: { reason: 'no_docker' } },
      });
      expect(!result.ok && result.error.message).toMatch(/No Docker engine answers/);
    }
  });

  it('starts in the background and reports the failure as a progress event', async () => {
    const result = await dispatch(app.handlers, 'lanes.managed.up', { name: 'gpu' });
    expect(result).toEqual({ ok: true, data: { name: 'gpu', started: true } });
    await expect
      .poll(() => events.find((event) => event.name === 'lanes.managed.progress'))
      .toBeDefined();
    const progress = events.find((event) => event.name === 'lanes.managed.progress')!
      .payload as ManagedProgress;
    expect(progress).toMatchObject({
      name: 'gpu',
      step: 'failed',
      error: { code: 'no_docker' },
    });
    await expect.poll(() => app.context.lanes?.managed.operation('gpu')).toBeNull();
  });

  it('refuses to start or stop a lane that has no saved spec', async () => {
    const result = await dispatch(app.handlers, 'lanes.managed.up', { name: 'nothing' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_found', details: { reason: 'no_spec' } },
    });
  });
});

describe('progress events', () => {
  it('thin out repeated pull and health steps, never a change of step', () => {
    const bus = new EventBus();
    const seen: ManagedProgress[] = [];
    bus.subscribe((event) => seen.push(event.payload as ManagedProgress));
    let now = 0;
    const emit = progressEmitter(bus, 'gpu', () => now);
    const pull = (done: number) => ({
      step: 'pull' as const,
      message: 'Pulling',
      progress: { layers: 4, layersDone: done, downloadedBytes: done, totalBytes: 4, status: '' },
    });
    emit(pull(0));
    now = 100;
    emit(pull(1)); // too soon: dropped
    now = 300;
    emit(pull(2));
    now = 310;
    emit({ step: 'create', message: 'Creating' });
    now = 320;
    emit({ step: 'health', message: 'Waiting', elapsedMs: 5 });
    expect(seen.map((event) => [event.step, event.pull?.layersDone ?? null])).toEqual([
      ['pull', 0],
      ['pull', 2],
      ['create', null],
      ['health', null],
    ]);
    expect(seen[3]?.elapsedMs).toBe(5);
  });
});
