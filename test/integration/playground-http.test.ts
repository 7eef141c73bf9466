import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src-main/core/config/load';
import { loadProbesText } from '../../src-main/core/probes/load-probes';
import { runProbes } from '../../src-main/core/probes/run-probes';
import { Router } from '../../src-main/core/router/router';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { dataOf, errorOf, rpcOverHttp } from '../support/rpc-http';
import {
  HAS_SHARED,
  SHARED_MISSING_REASON,
  readShared,
  sharedPath,
} from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// The Playground's calls over real HTTP on upstream's balance recipe: a
// prompt routes to the same decision as topology.test, with the lane plan
// and the privacy verdict; a probe file runs with the same counts as
// `homelane probe` (the same loader and runner); a malformed one comes back
// as located problems.

const PROMPT = 'Debug this Python stack trace and suggest the most likely fix.';

describe.skipIf(!HAS_SHARED)(
  `playground over HTTP (${HAS_SHARED ? 'balance recipe' : SHARED_MISSING_REASON})`,
  () => {
    const temp = makeTempDir('homelane-playground-http-');
    let served: AppServer;

    beforeAll(async () => {
      served = await startAppServer({
        dataDir: join(temp.dir, 'data'),
        profile: await loadProfile(sharedPath('balance/config.yaml')),
      });
    }, 60_000);

    afterAll(async () => {
      await served?.close();
      temp.cleanup();
    });

    it('routes a prompt to the decision topology.test names, with the trace, lane plan and privacy', async () => {
      const topology = dataOf(
        (await rpcOverHttp(served.url, 'topology.test', { text: PROMPT })).result,
      );
      const answer = await rpcOverHttp(served.url, 'playground.route', { text: PROMPT });
      const routed = dataOf(answer.result);
      expect(routed.trace['decision']).toBe(topology.trace.decision);
      expect(routed.trace['decision']).toBe('medium_code_general');
      expect(routed.trace['model']).toBe(topology.trace.model);
      expect(routed.trace['text']).toBe(PROMPT);
      expect(Array.isArray(routed.trace['decisions'])).toBe(true);
      expect(routed.private).toBe(routed.trace['private']);
      expect(routed.privacyReasons).toEqual(routed.trace['privacy_reasons']);
      // The lane plan is the guard's view of the lanes the policy names, in order.
      expect(routed.lanes.length).toBeGreaterThan(0);
      expect(routed.lanes[0]?.alias).toBe('qwen/qwen3.5-rocm');
      expect(routed.lane).toEqual(routed.lanes.find((lane) => lane.allowed) ?? null);
      if (routed.lane) expect(routed.trace['locality']).toBe(routed.lane.locality);
    });

    it('routes a conversation by its last user turn and records nothing', async () => {
      const before = dataOf((await rpcOverHttp(served.url, 'replay.list', {})).result);
      const routed = dataOf(
        (
          await rpcOverHttp(served.url, 'playground.route', {
            messages: [
              { role: 'user', content: 'Hello there!' },
              { role: 'assistant', content: 'Hi, how can I help?' },
              { role: 'user', content: PROMPT },
            ],
          })
        ).result,
      );
      expect(routed.trace['decision']).toBe('medium_code_general');
      const after = dataOf((await rpcOverHttp(served.url, 'replay.list', {})).result);
      expect(after.records.length).toBe(before.records.length);
    });

    it('refuses a request with both a prompt and messages, or an unknown model', async () => {
      const both = await rpcOverHttp(served.url, 'playground.route', {
        text: 'hi',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(errorOf(both.result).code).toBe('invalid_input');
      const unknown = await rpcOverHttp(served.url, 'playground.route', {
        text: 'hi',
        model: 'no-such-model',
      });
      expect(errorOf(unknown.result).code).toBe('invalid_input');
    });

    it("runs upstream's balance probes with the same counts as homelane probe", async () => {
      const text = readShared('balance/probes.yaml');
      const { config } = loadConfigText(readShared('balance/config.yaml'), 'config.yaml');
      const direct = await runProbes(
        await Router.create(config!),
        loadProbesText(text, 'probes.yaml').probes!,
      );
      const answer = await rpcOverHttp(served.url, 'playground.probes', {
        text,
        fileName: 'probes.yaml',
      });
      const report = dataOf(answer.result);
      expect(report.problems).toEqual([]);
      expect(report.results).toHaveLength(57);
      expect(report.passed).toBe(direct.passed);
      expect(report.failed).toBe(direct.failed);
      expect(report.passed).toBe(28);
      const byId = new Map(report.results.map((result) => [result.id, result]));
      for (const result of direct.results) {
        expect(byId.get(result.id)?.passed, result.id).toBe(result.passed);
        expect(byId.get(result.id)?.decision, result.id).toBe(result.decision);
      }
      const failed = report.results.find((result) => !result.passed);
      expect(failed?.failures.length).toBeGreaterThan(0);
      expect(failed?.group).toBe(failed?.id.split(':')[0]);
    }, 120_000);

    it('answers a malformed probe file with located problems, not a failed call', async () => {
      const answer = await rpcOverHttp(served.url, 'playground.probes', {
        fileName: 'broken.yaml',
        text: 'version: 1\nname: broken\ndecisions:\n  - id: a\n    expected_decision: x\n    variants:\n      - id: v\n        query: [unclosed\n',
      });
      const report = dataOf(answer.result);
      expect(report.results).toEqual([]);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems[0]?.severity).toBe('error');
      expect(report.problems[0]?.line).toBeGreaterThan(1);

      const unknownKey = dataOf(
        (
          await rpcOverHttp(served.url, 'playground.probes', {
            fileName: 'unknown.yaml',
            text: readShared('balance/probes.yaml').replace(
              /\n {4}variants:/,
              '\n    surprise: true\n    variants:',
            ),
          })
        ).result,
      );
      expect(unknownKey.results).toEqual([]);
      expect(unknownKey.problems).toHaveLength(1);
      expect(unknownKey.problems[0]).toMatchObject({
        severity: 'error',
        path: 'decisions[0]',
        line: expect.any(Number),
      });
      expect(unknownKey.problems[0]?.message).toContain('surprise');
    });
  },
);

describe('playground without a profile', () => {
  const temp = makeTempDir('homelane-playground-none-');
  let served: AppServer;
  beforeAll(async () => {
    served = await startAppServer({ dataDir: join(temp.dir, 'data') });
  });
  afterAll(async () => {
    await served?.close();
    temp.cleanup();
  });

  it('says there is nothing to route', async () => {
    const answer = await rpcOverHttp(served.url, 'playground.route', { text: 'hello' });
    expect(errorOf(answer.result).code).toBe('unavailable');
  });
});
