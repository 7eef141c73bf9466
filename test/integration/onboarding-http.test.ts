import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ModelsDoneSchema,
  ModelsProgressSchema,
  OnboardingStateSchema,
  ProfilePreviewSchema,
} from '../../src-main/contract';
import type { ModelsProgress } from '../../src-main/contract';
import { Router } from '../../src-main/core/router/router';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { activeProfilePath } from '../../src-main/core/services/profile-import/active-profile-store';
import { createHttpClient } from '../../src-renderer/src/api/http-client';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import type { FakeHub } from '../support/fake-hub-server';
import { startFakeHub } from '../support/fake-hub-server';
import { localPolicy } from '../support/local-policy';
import { seedRepo } from '../support/model-hub-fixture';
import { readEventsUntil } from '../support/sse-events';
import { makeTempDir } from '../support/temp-dir';

// Onboarding's calls through the HTTP transport, as the web dashboard makes
// them: whether it was finished, previewing and applying a profile from a
// URL this test serves, and a routing-model download against the stand-in
// hub with its progress pushed as server-sent events.

const JAILBREAK_REPO = 'llm-semantic-router/mmbert32k-jailbreak-detector-merged';
const POLICY = localPolicy('everything_local');

const temp = makeTempDir('homelane-onboarding-http-');
let app: AppServer;
let hub: FakeHub;
let recipes: Server;
let recipesUrl: string;
const previousEndpoint = process.env['HF_ENDPOINT'];

beforeAll(async () => {
  hub = await startFakeHub();
  seedRepo(hub, JAILBREAK_REPO);
  hub.setFile(JAILBREAK_REPO, 'jailbreak_type_mapping.json', Buffer.from('{"label_to_idx":{}}'));
  process.env['HF_ENDPOINT'] = hub.url;
  recipes = createServer((req, res) => {
    if (req.url === '/home/config.yaml') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(POLICY);
    }
    res.writeHead(404);
    res.end('not here');
  });
  await new Promise<void>((done) => recipes.listen(0, '127.0.0.1', done));
  recipesUrl = `http://127.0.0.1:${(recipes.address() as AddressInfo).port}`;
  app = await startAppServer({
    dataDir: join(temp.dir, 'data'),
    profile: await loadProfile(),
    buildRouter: async (_dir, loaded) => ({
      router: await Router.create(loaded.config),
      release: () => Promise.resolve(),
    }),
  });
});
afterAll(async () => {
  await app?.close();
  await hub?.close();
  await new Promise((done) => recipes.close(done));
  if (previousEndpoint === undefined) delete process.env['HF_ENDPOINT'];
  else process.env['HF_ENDPOINT'] = previousEndpoint;
  temp.cleanup();
});

describe('onboarding over HTTP', () => {
  it('is not finished on a new install, and stays finished once it is', async () => {
    const client = createHttpClient(app.url);
    const before = await client.call('onboarding.state', {});
    expect(before.ok && OnboardingStateSchema.parse(before.data)).toEqual({
      completed: false,
      completedAt: null,
      canStore: true,
    });
    const done = await client.call('onboarding.complete', {});
    expect(done.ok && done.data.completed).toBe(true);
    const after = await client.call('onboarding.state', {});
    expect(after.ok && after.data.completed).toBe(true);
    expect(after.ok && after.data.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('previews a profile from a URL, applies it, and app.info shows it in force', async () => {
    const client = createHttpClient(app.url);
    const url = `${recipesUrl}/home/config.yaml`;
    const preview = await client.call('profile.preview', { url });
    if (!preview.ok) throw new Error(preview.error.message);
    const data = ProfilePreviewSchema.parse(preview.data);
    expect(data).toMatchObject({ name: 'home', source: url, applicable: true, text: POLICY });
    expect(data.summary?.decisions).toEqual([
      { name: 'everything_local', priority: 10, models: ['local/small'] },
    ]);
    const before = await client.call('app.info', {});
    expect(before.ok && before.data.profile?.name).toBe('privacy');

    const applied = await client.call('profile.apply', {
      text: data.text,
      source: data.source,
      name: data.name,
    });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.data.profile).toEqual({ name: 'home', source: url });
    expect(readFileSync(activeProfilePath(app.context.dataDir), 'utf8')).toBe(POLICY);
    const info = await client.call('app.info', {});
    expect(info.ok && info.data.profile).toEqual({ name: 'home', source: url });
  });

  it('refuses to apply text with errors and says where they are', async () => {
    const client = createHttpClient(app.url);
    const result = await client.call('profile.apply', {
      text: POLICY.replace('model: local/small }]', 'model: local/gone }]'),
      source: 'typed.yaml',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(JSON.stringify(result.error.details)).toContain('typed.yaml:12');
    const info = await client.call('app.info', {});
    expect(info.ok && info.data.profile?.name).toBe('home');
  });

  it('passes a URL that fails on as an error with its reason and status', async () => {
    const client = createHttpClient(app.url);
    const result = await client.call('profile.preview', { url: `${recipesUrl}/nothing.yaml` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unavailable');
    expect(result.error.details).toEqual({ reason: 'http_error', status: 404 });
  });

  it('downloads a routing model with progress events, then lists and verifies it', async () => {
    const client = createHttpClient(app.url);
    const events = await readEventsUntil(
      app.url,
      (seen) => seen.some((e) => e.event === 'models.done' || e.event === 'models.error'),
      async () => {
        // Give the event stream a moment to be listened to before the download starts.
        await new Promise((done) => setTimeout(done, 100));
        const started = await client.call('models.pull', { ids: ['jailbreak'] });
        expect(started.ok && started.data).toEqual({ started: ['jailbreak'], running: [] });
      },
    );
    const progress: ModelsProgress[] = events
      .filter((e) => e.event === 'models.progress')
      .map((e) => ModelsProgressSchema.parse(JSON.parse(e.data)));
    expect(progress.length, JSON.stringify(events)).toBeGreaterThan(2);
    expect(progress.some((p) => p.phase === 'downloading' && p.bytes > 0)).toBe(true);
    const done = events.find((e) => e.event === 'models.done');
    expect(done, JSON.stringify(events.filter((e) => e.event === 'models.error'))).toBeDefined();
    expect(ModelsDoneSchema.parse(JSON.parse(done?.data ?? '{}')).model.status).toBe('installed');

    const listed = await client.call('models.list', {});
    expect(listed.ok && listed.data.models.find((m) => m.id === 'jailbreak')?.status).toBe(
      'installed',
    );
    const verified = await client.call('models.verify', { ids: ['jailbreak'] });
    expect(verified.ok && verified.data.ok).toBe(true);
    expect(existsSync(join(app.context.dataDir, 'models', 'jailbreak', 'manifest.json'))).toBe(
      true,
    );
  });

  it('refuses a model id the catalog does not have', async () => {
    const client = createHttpClient(app.url);
    const result = await client.call('models.pull', { ids: ['weather'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
  });
});
