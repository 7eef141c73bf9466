import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomelaneClient, MethodName, MethodInput } from '../../src-main/contract';
import {
  PolicyActiveSchema,
  PolicyApplySchema,
  PolicyDiffSchema,
  PolicyExportSchema,
  PolicyHistorySchema,
} from '../../src-main/contract/policy-edit';
import { loadConfigText } from '../../src-main/core/config/load';
import { Router } from '../../src-main/core/router/router';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { createHttpClient } from '../../src-renderer/src/api/http-client';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { dataOf, errorOf } from '../support/rpc-http';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// The policy editor's methods through the HTTP transport, called by the
// renderer's own HTTP client, on a running app that starts with the built-in
// privacy recipe: read, convert, compare, apply, roll back, export.

const PRIVACY_YAML = readFileSync(
  new URL('../../recipes/privacy/config.yaml', import.meta.url),
  'utf8',
);

const temp = makeTempDir('homelane-policy-edit-http-');
let served: AppServer;
let client: HomelaneClient;

beforeAll(async () => {
  served = await startAppServer({
    dataDir: join(temp.dir, 'data'),
    profile: await loadProfile(),
    buildRouter: async (_dir, loaded) => ({
      router: await Router.create(loaded.config),
      release: () => Promise.resolve(),
    }),
  });
  client = createHttpClient(served.url);
});
afterAll(async () => {
  await served?.close();
  temp.cleanup();
});

const call = async <M extends MethodName>(method: M, input: MethodInput<M>) =>
  dataOf(await client.call(method, input));
const refused = async <M extends MethodName>(method: M, input: MethodInput<M>) =>
  errorOf(await client.call(method, input));

async function activeDsl(): Promise<string> {
  const active = PolicyActiveSchema.parse(await call('policy.active', {}));
  if (active.dsl === null) throw new Error(active.dslProblems.join('; '));
  return active.dsl;
}

/** The policy in force as DSL, local_everyday's priority set to `priority`. */
async function everydayAt(priority: string): Promise<string> {
  const dsl = await activeDsl();
  const edited = dsl.replace(/(ROUTE local_everyday [^\n]*\n {2}PRIORITY )\d+/, `$1${priority}`);
  if (edited === dsl) throw new Error('no local_everyday route to edit');
  return edited;
}

async function everydayNode() {
  const graph = await call('topology.get', {});
  return graph.nodes.find((node) => node.kind === 'decision' && node.label === 'local_everyday');
}

// Each call compiles and checks a whole recipe; a busy machine needs more than the default.
describe('the policy editor over HTTP', { timeout: 30_000 }, () => {
  it('reads the built-in profile as YAML, as written, and as DSL', async () => {
    const active = PolicyActiveSchema.parse(await call('policy.active', {}));
    expect(active.profile.name).toBe('privacy');
    expect(active.yaml).toBe(PRIVACY_YAML);
    expect(active.appliedAt).toBeNull();
    expect(active.dsl).toMatch(/^ROUTE local_everyday /m);
  });

  it('compiles an edited ROUTE, and locates a broken one on its DSL line', async () => {
    const compiled = await call('policy.compile', { source: await everydayAt('120') });
    expect(compiled.errorCount).toBe(0);
    expect(compiled.yaml).toContain('\n      priority: 120\n');
    expect(compiled.yaml).toContain('locality: cloud');

    const broken = await everydayAt('soon');
    const line = broken.split('\n').findIndex((text) => text.includes('PRIORITY soon')) + 1;
    const refusedCompile = await call('policy.compile', { source: broken });
    expect(refusedCompile.yaml).toBeNull();
    expect(refusedCompile.diagnostics.find((d) => d.severity === 'error')).toMatchObject({
      code: 'syntax_error',
      line,
    });
  });

  it('decompiles YAML to the DSL the policy in force prints', async () => {
    const printed = await call('policy.decompile', { yaml: PRIVACY_YAML });
    expect(printed.errorCount).toBe(0);
    expect(printed.dsl).toBe(await activeDsl());
  });

  it('diffs a changed decision, and sees nothing changed in a comments-only edit', async () => {
    const diff = PolicyDiffSchema.parse(
      await call('policy.diff', { text: await everydayAt('120'), format: 'dsl' }),
    );
    expect(diff.changed).toBe(true);
    expect(diff.decisions).toEqual([
      { name: 'local_everyday', change: 'changed', fields: ['priority'] },
    ]);
    expect(diff.unified).toContain('-      priority: 100\n+      priority: 120\n');

    const comments = PRIVACY_YAML.replace('routing:\n', '# tuned by hand\nrouting:\n');
    const quiet = await call('policy.diff', { text: comments, format: 'yaml' });
    expect(quiet).toMatchObject({ changed: false, decisions: [], added: 1, removed: 0 });
  });

  it('refuses an invalid apply and changes nothing', async () => {
    const before = await call('policy.history', {});
    const error = await refused('policy.apply', { text: await everydayAt('soon'), format: 'dsl' });
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({ reason: 'invalid_policy' });
    expect((await call('policy.active', {})).yaml).toBe(PRIVACY_YAML);
    expect(await call('policy.history', {})).toEqual(before);
    expect((await call('app.info', {})).profile?.source).toContain('built-in');
  });

  let firstId = '';

  it('applies edits: app.info and topology.get see them, history keeps the old one with metadata', async () => {
    const first = PolicyApplySchema.parse(
      await call('policy.apply', { text: await everydayAt('120'), format: 'dsl', note: 'one' }),
    );
    expect(first.previous).toBeNull();
    expect((await call('app.info', {})).profile).toEqual({
      name: 'privacy',
      source: 'policy editor',
    });
    expect((await everydayNode())?.priority).toBe(120);

    const second = PolicyApplySchema.parse(
      await call('policy.apply', { text: await everydayAt('130'), format: 'dsl', note: 'two' }),
    );
    expect((await everydayNode())?.priority).toBe(130);
    firstId = second.previous?.id ?? '';
    const history = PolicyHistorySchema.parse(await call('policy.history', {}));
    expect(history.versions).toHaveLength(2);
    expect(history.versions[0]).toMatchObject({ id: 'active', note: 'two', active: true });
    expect(history.versions[1]).toMatchObject({
      id: firstId,
      name: 'privacy',
      source: 'policy editor',
      note: 'one',
      active: false,
    });
    expect(history.versions[1]?.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const kept = await call('policy.version', { id: firstId });
    expect(kept.yaml).toContain('\n      priority: 120\n');
  });

  it('rolls back to the old version; the one rolled back from goes to the history', async () => {
    const back = PolicyApplySchema.parse(await call('policy.rollback', { id: firstId }));
    expect(back.previous?.note).toBe('two');
    expect((await everydayNode())?.priority).toBe(120);
    const active = await call('policy.active', {});
    expect(active.yaml).toBe((await call('policy.version', { id: firstId })).yaml);
    const history = await call('policy.history', {});
    expect(history.versions.map((v) => v.note)).toEqual([
      `rolled back to version ${firstId}`,
      'two',
      'one',
    ]);
    expect((await refused('policy.rollback', { id: 'nope' })).code).toBe('not_found');
  });

  it('lists a history version whose metadata is corrupt, without it', async () => {
    const history = await call('policy.history', {});
    const id = history.versions[1]?.id ?? '';
    writeFileSync(join(temp.dir, 'data', 'profiles', 'history-meta', `${id}.json`), '{ broken');
    const listed = await call('policy.history', {});
    expect(listed.versions[1]).toMatchObject({ id, appliedAt: null, note: null, active: false });
    expect(listed.versions).toHaveLength(history.versions.length);
  });

  it('exports without locality, and the result loads as v0.3', async () => {
    const exported = PolicyExportSchema.parse(await call('policy.export', {}));
    expect(exported.removed).toEqual([
      'providers.models[0].locality',
      'providers.models[1].locality',
    ]);
    expect(exported.yaml).not.toMatch(/^\s*locality:/m);
    const loaded = loadConfigText(exported.yaml, 'export.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(loaded.config?.version).toBe('v0.3');
    expect(exported.dsl).toBe(await activeDsl());
  });

  describe.skipIf(!HAS_SHARED)(
    `upstream's balance recipe (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
    () => {
      it('decompiles it to its recipe.dsl and sees that DSL as no change once applied', async () => {
        const yaml = readShared('balance/config.yaml');
        const dsl = readShared('balance/recipe.dsl');
        expect((await call('policy.decompile', { yaml })).dsl).toBe(dsl);
        const applied = await call('policy.apply', { text: yaml, format: 'yaml', note: 'balance' });
        expect(applied.version.bytes).toBe(Buffer.byteLength(yaml));
        expect(await activeDsl()).toBe(dsl);
        const same = await call('policy.diff', { text: dsl, format: 'dsl' });
        expect(same).toMatchObject({ errorCount: 0, changed: false, decisions: [] });
        const exported = await call('policy.export', {});
        expect(exported.removed).toEqual([]);
        expect(exported.yaml).toBe(yaml);
      }, 30_000);
    },
  );
});
