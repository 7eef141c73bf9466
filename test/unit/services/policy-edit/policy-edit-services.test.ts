import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-main/contract';
import { loadConfigText } from '../../../../src-main/core/config/load';
import { Router } from '../../../../src-main/core/router/router';
import type { ServiceContext } from '../../../../src-main/core/services/context';
import { bareServiceContext } from '../../../../src-main/core/services/create-context';
import { loadProfile } from '../../../../src-main/core/services/default-profile';
import {
  ActiveProfileStore,
  activeProfilePath,
} from '../../../../src-main/core/services/profile-import/active-profile-store';
import {
  applyPolicy,
  compilePolicy,
  decompilePolicy,
  diffPolicy,
  exportPolicy,
  policyActive,
  policyHistory,
  policyVersion,
  rollbackPolicy,
} from '../../../../src-main/core/services/policy-edit/policy-edit-methods';
import { editedDiagnostics } from '../../../../src-main/core/services/policy-edit/edited-diagnostics';
import { EDITED_YAML_FILE } from '../../../../src-main/core/services/policy-edit/edited-policy';
import { RoutingRuntime } from '../../../../src-main/core/services/routing-runtime';
import { makeTempDir } from '../../../support/temp-dir';

// The policy editor's services on the built-in privacy profile, with a real
// router: read in both forms, convert, compare, apply, roll back, export.

let temp: ReturnType<typeof makeTempDir>;
let ctx: ServiceContext;
let builtIn: string;
let clock: number;

beforeEach(async () => {
  temp = makeTempDir('homelane-policy-edit-');
  clock = Date.parse('2025-05-01T12:00:00Z');
  const profile = await loadProfile();
  builtIn = profile.text ?? '';
  ctx = bareServiceContext('server', temp.dir);
  ctx.routing = new RoutingRuntime(temp.dir, profile, async (_dir, loaded) => ({
    router: await Router.create(loaded.config),
    release: () => Promise.resolve(),
  }));
});
afterEach(async () => {
  await ctx.routing?.close();
  temp.cleanup();
});

const store = () => new ActiveProfileStore(temp.dir, () => new Date((clock += 1000)));
const priorityInForce = (decision: string) =>
  ctx.routing?.profile.config.profiles.get('default')?.decisions.find((d) => d.name === decision)
    ?.priority;

async function activeDsl(): Promise<string> {
  const dsl = (await policyActive(ctx)).dsl;
  if (dsl === null) throw new Error('the built-in profile did not print as DSL');
  return dsl;
}

/** The built-in policy's DSL with local_everyday's priority changed. */
async function everydayAt(priority: string): Promise<string> {
  const dsl = await activeDsl();
  const edited = dsl.replace(/(ROUTE local_everyday [^\n]*\n {2}PRIORITY )\d+/, `$1${priority}`);
  expect(edited).not.toBe(dsl);
  return edited;
}

describe('reading the policy in force', { timeout: 30_000 }, () => {
  it('gives the built-in profile as written and as DSL that compiles back to the same routing', async () => {
    const active = await policyActive(ctx);
    expect(active.profile.name).toBe('privacy');
    expect(active.yaml).toBe(builtIn);
    expect(active.appliedAt).toBeNull();
    expect(active.dslProblems).toEqual([]);
    expect(active.dsl).toContain('ROUTE keep_private_local');
    const back = diffPolicy(ctx, { text: active.dsl ?? '', format: 'dsl' });
    expect(back.errorCount).toBe(0);
    expect(back.changed).toBe(false);
    expect(back.decisions).toEqual([]);
  });
});

describe('converting', { timeout: 30_000 }, () => {
  it('compiles an edited ROUTE into the whole config, providers kept', async () => {
    const compiled = compilePolicy(ctx, { source: await everydayAt('120') });
    expect(compiled.errorCount).toBe(0);
    const loaded = loadConfigText(compiled.yaml ?? '', 'compiled.yaml');
    const decisions = loaded.config?.profiles.get('default')?.decisions ?? [];
    expect(decisions.find((d) => d.name === 'local_everyday')?.priority).toBe(120);
    expect(loaded.config?.models.get('homelane/cloud-frontier')?.provider?.locality).toBe('cloud');
  });

  it('locates the problem of a broken ROUTE on its DSL line', async () => {
    const source = await everydayAt('soon');
    const line = source.split('\n').findIndex((l) => l.includes('PRIORITY soon')) + 1;
    const compiled = compilePolicy(ctx, { source });
    expect(compiled.yaml).toBeNull();
    expect(compiled.errorCount).toBeGreaterThan(0);
    expect(compiled.diagnostics.find((d) => d.severity === 'error')).toMatchObject({
      code: 'syntax_error',
      line,
    });
  });

  it('reports what only the merged config check finds unplaced, with its key path', () => {
    const [merged, own] = editedDiagnostics(
      [
        {
          severity: 'error',
          code: 'unknown_model',
          message: 'not configured',
          file: EDITED_YAML_FILE,
          path: 'routing.decisions[5].modelRefs[0].model',
          line: 640,
          column: 11,
        },
        {
          severity: 'error',
          code: 'syntax_error',
          message: 'x',
          file: 'policy.dsl',
          path: '(dsl)',
          line: 3,
          column: 4,
        },
      ],
      'dsl',
    );
    expect(merged).toMatchObject({ line: 1, column: 1 });
    expect(merged?.message).toBe(
      'routing.decisions[5].modelRefs[0].model: not configured (in the merged config)',
    );
    expect(own).toMatchObject({ line: 3, column: 4 });
  });

  it('decompiles YAML, and locates YAML problems in it', () => {
    const printed = decompilePolicy({ yaml: builtIn });
    expect(printed.errorCount).toBe(0);
    expect(printed.dsl).toContain('ROUTE local_everyday');
    const broken = builtIn.replace('priority: 100', 'priority: [100');
    const line = broken.split('\n').findIndex((l) => l.includes('priority: [100')) + 1;
    const refused = decompilePolicy({ yaml: broken });
    expect(refused.dsl).toBeNull();
    expect(refused.diagnostics[0]?.line).toBeGreaterThanOrEqual(line);
  });
});

describe('comparing an edit with the policy in force', { timeout: 30_000 }, () => {
  it('names the changed decision and the field that differs', async () => {
    const diff = diffPolicy(ctx, { text: await everydayAt('120'), format: 'dsl' });
    expect(diff.changed).toBe(true);
    expect(diff.decisions).toEqual([
      { name: 'local_everyday', change: 'changed', fields: ['priority'] },
    ]);
    expect(diff.unified).toMatch(/^--- a\/active\.yaml\n\+\+\+ b\/edited\.yaml\n/);
    expect(diff.unified).toContain('\n-      priority: 100\n+      priority: 120\n');
    expect(diff.added).toBeGreaterThan(0);
  });

  it('sees nothing changed in a comments-only YAML edit, though the text differs', () => {
    const text = builtIn
      .replace('# The local lane.', '# The lane on this machine.')
      .replace('routing:\n', '# edited in the app\nrouting:\n');
    const diff = diffPolicy(ctx, { text, format: 'yaml' });
    expect(diff.changed).toBe(false);
    expect(diff.decisions).toEqual([]);
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
  });

  it('lists added and removed decisions, and a YAML edit with errors gives no diff', () => {
    const renamed = builtIn.replace('- name: local_everyday', '- name: local_daily');
    const diff = diffPolicy(ctx, { text: renamed, format: 'yaml' });
    expect(diff.decisions).toEqual([
      { name: 'local_daily', change: 'added', fields: [] },
      { name: 'local_everyday', change: 'removed', fields: [] },
    ]);
    const broken = diffPolicy(ctx, { text: 'routing: [', format: 'yaml' });
    expect(broken.errorCount).toBeGreaterThan(0);
    expect(broken.unified).toBe('');
  });
});

describe('applying and rolling back', { timeout: 30_000 }, () => {
  it('applies an edit, keeps the old version with its metadata, and rolls back', async () => {
    const first = await applyPolicy(
      ctx,
      { text: await everydayAt('120'), format: 'dsl', note: 'first' },
      store(),
    );
    expect(first.previous).toBeNull();
    expect(first.profile).toEqual({ name: 'privacy', source: 'policy editor' });
    expect(first.version).toMatchObject({ id: 'active', note: 'first', active: true });
    expect(first.version.appliedAt).toBe('2025-05-01T12:00:01.000Z');
    expect(priorityInForce('local_everyday')).toBe(120);

    const second = await applyPolicy(
      ctx,
      { text: await everydayAt('130'), format: 'dsl', note: 'second' },
      store(),
    );
    expect(priorityInForce('local_everyday')).toBe(130);
    expect(second.previous).toMatchObject({
      name: 'privacy',
      source: 'policy editor',
      note: 'first',
      appliedAt: '2025-05-01T12:00:01.000Z',
      active: false,
    });
    const history = await policyHistory(ctx, store());
    expect(history.versions.map((v) => [v.id === 'active', v.note])).toEqual([
      [true, 'second'],
      [false, 'first'],
    ]);
    const oldId = second.previous?.id ?? '';
    expect((await policyVersion(ctx, { id: oldId }, store())).yaml).toContain('priority: 120');

    const back = await rollbackPolicy(ctx, { id: oldId }, store());
    expect(priorityInForce('local_everyday')).toBe(120);
    expect(back.previous).toMatchObject({ note: 'second' });
    const after = await policyHistory(ctx, store());
    expect(after.versions[0]?.note).toBe(`rolled back to version ${oldId}`);
    expect(after.versions.map((v) => v.note)).toContain('second');
    const undone = await policyVersion(ctx, { id: back.previous?.id ?? '' }, store());
    expect(undone.yaml).toContain('priority: 130');
  });

  it('refuses an edit with errors and changes nothing', async () => {
    const error = await applyPolicy(ctx, { text: await everydayAt('soon'), format: 'dsl' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_input');
    expect((error as ApiError).details).toMatchObject({ reason: 'invalid_policy' });
    expect(priorityInForce('local_everyday')).toBe(100);
    expect(ctx.routing?.profile.text).toBe(builtIn);
    expect(await new ActiveProfileStore(temp.dir).readSaved()).toBeNull();
  });

  it('refuses to roll back to the version in force or to one not kept', async () => {
    await expect(rollbackPolicy(ctx, { id: 'active' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(rollbackPolicy(ctx, { id: '../active' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('shows the saved time of a profile applied earlier, and none for a file given at start', async () => {
    await applyPolicy(ctx, { text: await everydayAt('120'), format: 'dsl' }, store());
    expect((await policyActive(ctx)).appliedAt).toBe('2025-05-01T12:00:01.000Z');
    writeFileSync(activeProfilePath(temp.dir), 'version: v0.3\n');
    expect((await policyActive(ctx)).appliedAt).toBeNull();
  });
});

describe('exporting for upstream', { timeout: 30_000 }, () => {
  it('removes locality, keeps the comments, and loads as v0.3', () => {
    const exported = exportPolicy(ctx, {});
    expect(exported.removed).toEqual([
      'providers.models[0].locality',
      'providers.models[1].locality',
    ]);
    expect(exported.yaml).not.toMatch(/^\s*locality:/m);
    expect(exported.yaml).toContain('# Homelane privacy recipe');
    const loaded = loadConfigText(exported.yaml, 'export.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(loaded.config?.version).toBe('v0.3');
    expect(exported.dsl).toContain('ROUTE local_everyday');
  });

  it('exports an edit, and refuses one with errors', async () => {
    const exported = exportPolicy(ctx, { text: await everydayAt('120'), format: 'dsl' });
    expect(exported.yaml).toContain('priority: 120');
    expect(exported.removed).toHaveLength(2);
    expect(() => exportPolicy(ctx, { text: 'routing: [', format: 'yaml' })).toThrow(ApiError);
  });

  it('reads the recipe file it was given, not a copy', () => {
    expect(builtIn).toBe(
      readFileSync(join(__dirname, '../../../../recipes/privacy/config.yaml'), 'utf8'),
    );
  });
});
