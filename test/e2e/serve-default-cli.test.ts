import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startServe } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// `homelane serve` with nothing but a data folder: Homelane's privacy recipe,
// no lane that answers. Chat requests get a clear "no lane" error; eval,
// replay, readiness and the dashboard work.

const temp = makeTempDir('homelane-serve-default-');
afterAll(() => temp.cleanup());

describe('homelane serve with no arguments (built)', () => {
  it('routes, evaluates and serves the dashboard; chat says plainly that no lane answered', async () => {
    const serve = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'data')]);
    try {
      const url = serve.url.replace(/\/$/, '');
      expect(serve.stdout()).toContain('privacy (built-in recipes/privacy/config.yaml)');

      const chat = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'vllm-sr/auto',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      expect(chat.status).toBe(503);
      const failure = (await chat.json()) as { error: { code: string; message: string } };
      expect(failure.error.code).toMatch(/^(all_lanes_failed|no_lane|no_private_lane)$/);
      expect(failure.error.message).toContain('homelane lanes list');

      const evaluated = await fetch(`${url}/api/v1/eval`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'my email is alice@example.com' }),
      });
      expect(evaluated.status).toBe(200);
      expect(await evaluated.json()).toMatchObject({ requested_model: 'vllm-sr/auto' });

      // The failed chat left its record.
      const replay = await fetch(`${url}/api/v1/replay?limit=5`);
      expect(replay.status).toBe(200);
      const page = (await replay.json()) as { records: { lifecycle_state: string }[] };
      expect(page.records.map((record) => record.lifecycle_state)).toEqual(['failed']);

      expect((await fetch(`${url}/ready`)).status).toBe(200);
      const dashboard = await fetch(`${url}/`);
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('<div id="root">');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('starts with the profile and the cloud choice saved in the app, from the data folder', async () => {
    const dataDir = join(temp.dir, 'applied');
    const text = readFileSync(join(REPO_ROOT, 'recipes', 'privacy', 'config.yaml'), 'utf8');
    const first = await startServe(['--port', '0', '--data-dir', dataDir]);
    try {
      const applied = await fetch(`${first.url}api/rpc/profile.apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, source: 'my-copy.yaml', name: 'my-copy' }),
      });
      expect(applied.status).toBe(200);
      const saved = await fetch(`${first.url}api/rpc/settings.set`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ privacy: { cloudEscalation: 'never' } }),
      });
      expect(saved.status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startServe(['--port', '0', '--data-dir', dataDir]);
    try {
      expect(second.stdout()).toContain('my-copy (my-copy.yaml)');
      const info = await fetch(`${second.url}api/rpc/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({
        ok: true,
        data: {
          profile: { name: 'my-copy', source: 'my-copy.yaml' },
          cloudEscalation: 'never',
        },
      });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
