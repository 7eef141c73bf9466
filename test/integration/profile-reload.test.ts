import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-main/contract';
import type { ServiceContext } from '../../src-main/core/services/context';
import {
  closeServiceContext,
  createServiceContext,
} from '../../src-main/core/services/create-context';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { dispatch } from '../../src-main/core/services/dispatch';
import { createHandlers } from '../../src-main/core/services/handlers';
import { Router } from '../../src-main/core/router/router';
import { localPolicy } from '../support/local-policy';
import { makeTempDir } from '../support/temp-dir';

// The profile reloads while the app runs: a changed file that is valid takes
// over (router and lanes), one with errors is refused with located problems
// and the profile in force keeps serving. On request too (profile.reload).

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let context: ServiceContext;
let seen: EventEnvelope[];

beforeEach(async () => {
  temp = makeTempDir('homelane-reload-');
  file = join(temp.dir, 'policy.yaml');
  writeFileSync(file, localPolicy('first_decision', 'apples'));
  context = await createServiceContext({
    runtime: 'server',
    dataDir: join(temp.dir, 'data'),
    profile: await loadProfile(file),
    profileFile: file,
    // Lite routers: these tests are about reloading, not the on-device models.
    buildRouter: async (_dir, loaded) => ({
      router: await Router.create(loaded.config),
      release: () => Promise.resolve(),
    }),
  });
  seen = [];
  context.events.subscribe((envelope) => seen.push(envelope));
});
afterEach(async () => {
  await closeServiceContext(context);
  temp.cleanup();
});

async function next(name: string): Promise<EventEnvelope> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    const found = seen.find((envelope) => envelope.name === name);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${name} event`);
}

const decisionFor = (text: string) =>
  context.routing?.withRouter(async (router) => (await router.route({ text })).decision);

describe('profile hot reload', () => {
  it('takes a valid changed file, and refuses a broken one while the old profile serves', async () => {
    expect(await decisionFor('I like apples')).toBe('first_decision');
    writeFileSync(file, localPolicy('second_decision', 'pears'));
    await next('profile.changed');
    expect(await decisionFor('I like pears')).toBe('second_decision');
    expect(await decisionFor('I like apples')).toBeNull();

    writeFileSync(file, 'version: v0.3\nrouting:\n  decisions:\n    - name: [broken\n');
    const rejected = await next('profile.rejected');
    const problems = (rejected.payload as { problems: string[] }).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toContain('policy.yaml');
    // Still the second profile.
    expect(await decisionFor('I like pears')).toBe('second_decision');
  });

  it('reloads on request through profile.reload, saying why when it cannot', async () => {
    const handlers = createHandlers(context);
    context.reloader?.stop();
    writeFileSync(file, localPolicy('third_decision', 'plums'));
    const done = await dispatch(handlers, 'profile.reload', {});
    expect(done).toMatchObject({ ok: true, data: { reloaded: true, problems: [] } });
    expect(await decisionFor('plums please')).toBe('third_decision');
    writeFileSync(file, 'version: v0.3\nrouting:\n  decisions: 12\n');
    const refused = await dispatch(handlers, 'profile.reload', {});
    expect(refused).toMatchObject({ ok: true, data: { reloaded: false } });
    expect((refused as { data: { problems: string[] } }).data.problems.length).toBeGreaterThan(0);
    expect(await decisionFor('plums please')).toBe('third_decision');
  });
});
