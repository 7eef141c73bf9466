import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-main/contract';
import { previewProfile } from '../../../../src-main/core/services/profile-import/preview-profile';
import { profileNameFrom } from '../../../../src-main/core/services/profile-import/read-profile-source';
import { localPolicy } from '../../../support/local-policy';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../../../support/shared-recipes';
import { makeTempDir } from '../../../support/temp-dir';

// profile.preview: the text of a profile from each kind of source, its
// summary, and every problem located — nothing applied.

const GOOD = localPolicy('fruit', 'apples');
// `fruit` refers to a model nobody declared (line 15).
const BROKEN = GOOD.replace(
  'modelRefs: [{ model: local/small }]',
  'modelRefs: [{ model: local/nope }]',
);

const temp = makeTempDir('homelane-preview-');
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/balance/config.yaml' && HAS_SHARED) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(readShared('balance/config.yaml'));
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(req.url === '/broken.yaml' ? BROKEN : GOOD);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  temp.cleanup();
});

describe('previewing a profile', () => {
  it("summarises Homelane's built-in privacy recipe", async () => {
    const preview = await previewProfile({ source: 'builtin' });
    expect(preview.source).toBe('built-in recipes/privacy/config.yaml');
    expect(preview.name).toBe('privacy');
    expect(preview.applicable).toBe(true);
    expect(preview.errorCount).toBe(0);
    expect(preview.text).toContain('keep_private_local');
    const summary = preview.summary;
    expect(summary?.decisions.map((d) => d.name)).toContain('keep_private_local');
    expect(summary?.models).toContain('homelane/local-qwen');
    expect(summary?.signals.find((s) => s.type === 'pii')?.count).toBeGreaterThan(0);
  });

  it('reads a .yaml file and names the profile after it', async () => {
    const file = join(temp.dir, 'home-lab.yaml');
    writeFileSync(file, GOOD);
    const preview = await previewProfile({ file });
    expect(preview).toMatchObject({ source: file, name: 'home-lab', applicable: true });
    expect(preview.summary).toEqual({
      version: 'v0.3',
      decisions: [{ name: 'fruit', priority: 10, models: ['local/small'] }],
      signals: [{ type: 'keywords', count: 1 }],
      models: ['local/small'],
      defaultModel: 'local/small',
      recipes: [],
    });
    expect(preview.bytes).toBe(Buffer.byteLength(GOOD));
  });

  it('refuses a file that is not .yaml and one that does not exist', async () => {
    const other = join(temp.dir, 'notes.txt');
    writeFileSync(other, GOOD);
    await expect(previewProfile({ file: other })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(previewProfile({ file: join(temp.dir, 'gone.yaml') })).rejects.toBeInstanceOf(
      ApiError,
    );
    await expect(previewProfile({ file: join(temp.dir, 'gone.yaml') })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('locates the problems of text that does not load, and is not applicable', async () => {
    const preview = await previewProfile({ text: BROKEN, name: 'picked.yaml' });
    expect(preview.applicable).toBe(false);
    expect(preview.summary).toBeNull();
    expect(preview.errorCount).toBeGreaterThan(0);
    const problem = preview.diagnostics.find((d) => d.severity === 'error');
    expect(problem?.message).toContain('local/nope');
    expect(problem?.line).toBe(15);
  });

  it('reports YAML syntax errors with their line', async () => {
    const preview = await previewProfile({ text: 'routing:\n  decisions: [\n', name: 'bad.yaml' });
    expect(preview.applicable).toBe(false);
    expect(preview.diagnostics[0]?.code).toBe('yaml_syntax');
    expect(preview.diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('fetches a URL and names the profile after its folder for config.yaml', async () => {
    const preview = await previewProfile({ url: `${base}/recipes/home/config.yaml` });
    expect(preview).toMatchObject({ name: 'home', applicable: true });
    expect(preview.source).toBe(`${base}/recipes/home/config.yaml`);
  });

  it.skipIf(!HAS_SHARED)(
    `reads upstream's balance recipe from a URL (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
    async () => {
      const preview = await previewProfile({ url: `${base}/balance/config.yaml` });
      expect(preview.name).toBe('balance');
      expect(preview.errorCount).toBe(0);
      expect(preview.applicable).toBe(true);
      expect(preview.summary?.decisions.length).toBeGreaterThan(5);
    },
  );
});

describe('profile names', () => {
  it('come from the file or, for config.yaml, its folder', () => {
    expect(profileNameFrom('/home/me/policies/my-policy.yml')).toBe('my-policy');
    expect(
      profileNameFrom(
        'https://raw.githubusercontent.com/vllm-project/semantic-router/main/recipes/balance/config.yaml',
      ),
    ).toBe('balance');
    expect(profileNameFrom('https://example.com/p.yaml?token=x#top')).toBe('p');
  });
});
