import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-main/contract';
import type { EventEnvelope } from '../../../../src-main/contract';
import { loadConfigText } from '../../../../src-main/core/config/load';
import type { RouterConfig } from '../../../../src-main/core/config/router-config';
import { Router } from '../../../../src-main/core/router/router';
import type { ServiceContext } from '../../../../src-main/core/services/context';
import { bareServiceContext } from '../../../../src-main/core/services/create-context';
import {
  ActiveProfileStore,
  HISTORY_KEEP,
  activeProfilePath,
  readActiveProfileMeta,
} from '../../../../src-main/core/services/profile-import/active-profile-store';
import { applyProfile } from '../../../../src-main/core/services/profile-import/apply-profile';
import { RoutingRuntime } from '../../../../src-main/core/services/routing-runtime';
import { localPolicy } from '../../../support/local-policy';
import { makeTempDir } from '../../../support/temp-dir';

// profile.apply: checked again, put in force through the routing runtime,
// saved as the data folder's active profile with the old one kept; any
// failure leaves both the profile in force and the saved file unchanged.

let temp: ReturnType<typeof makeTempDir>;
let ctx: ServiceContext;
let seen: EventEnvelope[];
/** Names of profiles whose router build should fail. */
let failBuild: Set<string>;
let clock: number;

beforeEach(() => {
  temp = makeTempDir('homelane-apply-');
  failBuild = new Set();
  clock = Date.parse('2025-01-01T10:00:00Z');
  const start = loadConfigText(localPolicy('start'), 'start.yaml').config as RouterConfig;
  ctx = bareServiceContext('server', temp.dir);
  ctx.routing = new RoutingRuntime(
    temp.dir,
    { config: start, info: { name: 'start', source: 'start.yaml' } },
    async (_dir, loaded) => {
      if (failBuild.has(loaded.info.name)) throw new Error('no memory for the router');
      return { router: await Router.create(loaded.config), release: () => Promise.resolve() };
    },
  );
  seen = [];
  ctx.events.subscribe((envelope) => seen.push(envelope));
});
afterEach(async () => {
  await ctx.routing?.close();
  temp.cleanup();
});

const store = () => new ActiveProfileStore(temp.dir, () => new Date((clock += 1000)));
const decisionInForce = () =>
  ctx.routing?.withRouter((router) =>
    Promise.resolve(router.config.profiles.get('default')?.decisions[0]?.name),
  );

describe('applying a profile', () => {
  it('puts it in force, saves it with where it came from, and tells the UI', async () => {
    const text = localPolicy('first');
    const applied = await applyProfile(
      ctx,
      { text, source: 'https://example.com/first.yaml' },
      store(),
    );
    expect(applied).toEqual({
      profile: { name: 'first', source: 'https://example.com/first.yaml' },
      file: activeProfilePath(temp.dir),
      previousFile: null,
    });
    expect(await decisionInForce()).toBe('first');
    expect(readFileSync(activeProfilePath(temp.dir), 'utf8')).toBe(text);
    expect(await readActiveProfileMeta(temp.dir)).toMatchObject({
      name: 'first',
      source: 'https://example.com/first.yaml',
    });
    expect(seen.map((e) => e.name)).toEqual(['profile.changed']);
  });

  it('keeps the profile it replaces in the history', async () => {
    await applyProfile(ctx, { text: localPolicy('first'), source: 'a.yaml' }, store());
    const second = await applyProfile(
      ctx,
      { text: localPolicy('second'), source: 'b.yaml', name: 'mine' },
      store(),
    );
    expect(second.profile.name).toBe('mine');
    expect(second.previousFile).not.toBeNull();
    expect(readFileSync(second.previousFile ?? '', 'utf8')).toBe(localPolicy('first'));
    expect(readFileSync(activeProfilePath(temp.dir), 'utf8')).toBe(localPolicy('second'));
  });

  it(`keeps only the last ${HISTORY_KEEP} replaced profiles`, async () => {
    for (let i = 0; i < HISTORY_KEEP + 3; i++)
      await applyProfile(ctx, { text: localPolicy(`p${i}`), source: `${i}.yaml` }, store());
    const history = readdirSync(join(temp.dir, 'profiles', 'history'));
    expect(history).toHaveLength(HISTORY_KEEP);
  });

  it('refuses text with errors, listing them, and changes nothing', async () => {
    await applyProfile(ctx, { text: localPolicy('first'), source: 'a.yaml' }, store());
    seen = [];
    const broken = localPolicy('second').replace('model: local/small }]', 'model: local/nope }]');
    const error = await applyProfile(ctx, { text: broken, source: 'b.yaml' }, store()).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_input');
    const details = (error as ApiError).details as { problems: string[] };
    expect(details.problems.join('\n')).toContain('local/nope');
    expect(await decisionInForce()).toBe('first');
    expect(readFileSync(activeProfilePath(temp.dir), 'utf8')).toBe(localPolicy('first'));
    expect(seen).toEqual([]);
  });

  it('refuses a profile whose router cannot be built, leaving no file behind', async () => {
    failBuild.add('second');
    const error = await applyProfile(
      ctx,
      { text: localPolicy('second'), source: 'second.yaml' },
      store(),
    ).catch((thrown: unknown) => thrown);
    expect((error as ApiError).code).toBe('unavailable');
    expect((error as ApiError).message).toContain('no memory for the router');
    expect(await decisionInForce()).toBe('start');
    expect(existsSync(activeProfilePath(temp.dir))).toBe(false);
    expect(readdirSync(join(temp.dir, 'profiles'))).toEqual([]);
  });

  it('runs applies one at a time, the last one winning', async () => {
    const all = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        applyProfile(ctx, { text: localPolicy(name), source: `${name}.yaml` }, store()),
      ),
    );
    expect(all.map((applied) => applied.previousFile === null)).toEqual([true, false, false]);
    expect(await decisionInForce()).toBe('three');
  });

  it('is unavailable without routing', async () => {
    const bare = bareServiceContext('server', temp.dir);
    await expect(
      applyProfile(bare, { text: localPolicy('x'), source: 'x.yaml' }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });
});
