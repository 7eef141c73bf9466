import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { Router } from '../../../src-main/core/router/router';
import type { LoadedProfile } from '../../../src-main/core/services/default-profile';
import { RoutingRuntime } from '../../../src-main/core/services/routing-runtime';

// The profile in force and its router: a swap builds the new router first,
// requests keep the old one until then, and the old one is freed only when
// the last request that borrowed it has finished.

function profile(name: string): LoadedProfile {
  const text = `version: v0.3\nrouting:\n  decisions: []\n`;
  return {
    config: loadConfigText(text, `${name}.yaml`).config as RouterConfig,
    info: { name, source: `${name}.yaml` },
  };
}

describe('the routing runtime', () => {
  it('serves the old router until the new one is built, and frees it after its last borrower', async () => {
    const released: string[] = [];
    let finishBuild: () => void = () => {};
    const runtime = new RoutingRuntime('/nowhere', profile('first'), async (_dir, loaded) => {
      if (loaded.info.name === 'second') await new Promise<void>((done) => (finishBuild = done));
      return {
        router: await Router.create(loaded.config),
        release: () => {
          released.push(loaded.info.name);
          return Promise.resolve();
        },
      };
    });
    let endLongRequest: () => void = () => {};
    const long = runtime.withRouter(
      (router) =>
        new Promise<string>((done) => (endLongRequest = () => done(router.config.version))),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const swapped = runtime.swap(profile('second'));
    expect(runtime.profile.info.name).toBe('first');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runtime.profile.info.name).toBe('first');
    finishBuild();
    await swapped;
    expect(runtime.profile.info.name).toBe('second');
    // The long request still holds the first router: it is not freed yet.
    expect(released).toEqual([]);
    endLongRequest();
    await long;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toEqual(['first']);
    await runtime.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toEqual(['first', 'second']);
    await expect(runtime.withRouter(() => Promise.resolve(1))).rejects.toThrow(/stopped/);
  });

  it('reports a router that cannot be built to the request that needs it', async () => {
    const runtime = new RoutingRuntime('/nowhere', profile('broken'), () =>
      Promise.reject(new Error('no models')),
    );
    await expect(runtime.withRouter(() => Promise.resolve(1))).rejects.toThrow('no models');
    await runtime.close();
  });
});
