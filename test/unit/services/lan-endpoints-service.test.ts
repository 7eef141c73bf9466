import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanesAdd, LanesForget, LanesProbe } from '../../../src-main/contract';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { closedPort, startFakeLanServer } from '../../support/fake-lan-servers';
import type { FakeLanServer } from '../../support/fake-lan-servers';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

// Adding a server on the network as the Lanes page does: probe, confirm the
// alias mapping, save; then forget. Real HTTP servers shaped like vLLM and
// Ollama answer the probes.

let app: AppContextFixture;
let vllm: FakeLanServer;
let ollama: FakeLanServer;

beforeAll(async () => {
  [app, vllm, ollama] = await Promise.all([
    appContext(),
    startFakeLanServer('vllm'),
    startFakeLanServer('ollama'),
  ]);
});
afterAll(async () => {
  await Promise.all([app.close(), vllm.close(), ollama.close()]);
});

const saved = () =>
  JSON.parse(readFileSync(join(app.dataDir, 'lanes.json'), 'utf8')) as {
    lan: { name: string; aliases: Record<string, string> }[];
  };

describe('lanes.probe', () => {
  it("says what answers, what it serves and the profile's aliases to map", async () => {
    const result = await dispatch(app.handlers, 'lanes.probe', { url: `${vllm.url}/` });
    expect(result.ok).toBe(true);
    const probe = (result.ok ? result.data : null) as LanesProbe;
    expect(probe).toMatchObject({
      baseUrl: `${vllm.url}/v1`,
      kind: 'vllm',
      version: '0.11.0',
      locality: 'local',
      models: [{ id: 'Qwen/Qwen3-8B', contextLength: 40960, loaded: null }],
      suggestedName: `127.0.0.1-${vllm.port}`,
      profileAliases: ['local/small', 'cloud/big'],
      // Neither alias names the served model, so nothing is guessed.
      suggestedAliases: {},
    });
    expect(probe.evidence.length).toBeGreaterThan(0);
  });

  it('says why an address does not work, with a stable reason', async () => {
    const nothing = await dispatch(app.handlers, 'lanes.probe', {
      url: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(nothing).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { reason: 'unreachable' } },
    });
    const typo = await dispatch(app.handlers, 'lanes.probe', { url: 'ftp://box' });
    expect(typo).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'invalid_url' } },
    });
    const noKey = await dispatch(app.handlers, 'lanes.probe', {
      url: vllm.url,
      apiKeySecret: 'NOT_STORED',
    });
    expect(noKey).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'missing_secret' } },
    });
  });
});

describe('lanes.add / lanes.forget', () => {
  it('saves the confirmed mapping, and the lanes appear watched at once', async () => {
    const result = await dispatch(app.handlers, 'lanes.add', {
      url: vllm.url,
      name: 'box',
      aliases: { 'local/small': 'Qwen/Qwen3-8B' },
    });
    expect(result.ok).toBe(true);
    const added = (result.ok ? result.data : null) as LanesAdd;
    expect(added.endpoint).toEqual({
      name: 'box',
      baseUrl: `${vllm.url}/v1`,
      kind: 'vllm',
      aliases: { 'local/small': 'Qwen/Qwen3-8B' },
      locality: null,
    });
    const lane = added.lanes.lanes.find((entry) => entry.id === 'local/small@box');
    expect(lane).toMatchObject({ origin: 'lan', source: 'box', upstreamModelId: 'Qwen/Qwen3-8B' });
    expect(lane?.health).not.toBeNull();
    expect(saved().lan).toEqual([expect.objectContaining({ name: 'box' })]);
    expect(app.context.lanes?.has('local/small@box')).toBe(true);
  });

  it('refuses a mapping to a model the server does not serve, suggesting the right one', async () => {
    const result = await dispatch(app.handlers, 'lanes.add', {
      url: ollama.url,
      name: 'den',
      aliases: { 'local/small': 'qwen3:8B' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'alias_mapping' } },
    });
    expect(!result.ok && result.error.message).toMatch(/does not serve/);
    expect(saved().lan.map((endpoint) => endpoint.name)).toEqual(['box']);
  });

  it('refuses a name a managed lane already has', async () => {
    const spec = await dispatch(app.handlers, 'lanes.managed.spec.get', { name: 'gpu' });
    expect(spec.ok).toBe(true);
    const saveSpec = await dispatch(app.handlers, 'lanes.managed.spec.set', {
      spec: spec.ok ? (spec.data as { spec: unknown }).spec : {},
    });
    expect(saveSpec.ok).toBe(true);
    const result = await dispatch(app.handlers, 'lanes.add', {
      url: vllm.url,
      name: 'gpu',
      aliases: {},
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'name_taken' } },
    });
    expect(!result.ok && result.error.message).toMatch(/^A managed lane is already called "gpu"/);
  });

  it('forgets an endpoint: its lanes stop being watched', async () => {
    const result = await dispatch(app.handlers, 'lanes.forget', { name: 'box' });
    expect(result.ok).toBe(true);
    const forgotten = (result.ok ? result.data : null) as LanesForget;
    expect(forgotten).toMatchObject({ name: 'box', kind: 'lan', note: null });
    expect(forgotten.lanes.lanes.some((lane) => lane.source === 'box')).toBe(false);
    expect(app.context.lanes?.has('local/small@box')).toBe(false);
    expect(saved().lan).toEqual([]);
    const again = await dispatch(app.handlers, 'lanes.forget', { name: 'box' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
