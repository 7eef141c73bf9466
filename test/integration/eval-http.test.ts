import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterConfig } from '../../src-main/core/config/router-config';
import { checkVariant } from '../../src-main/core/probes/check';
import { loadProbesFile } from '../../src-main/core/probes/load-probes';
import { materializeVariant } from '../../src-main/core/probes/materialize';
import { runProbes } from '../../src-main/core/probes/run-probes';
import type { ProbeReport } from '../../src-main/core/probes/run-probes';
import type { ProbeFile } from '../../src-main/core/probes/schema';
import { toEvalResponse } from '../../src-main/core/router/eval-response';
import type { EvalResponse } from '../../src-main/core/router/eval-response';
import type { RoutingRequest } from '../../src-main/core/router/request';
import { loadProfile } from '../../src-main/core/services/default-profile';
import type { LoadedProfile } from '../../src-main/core/services/default-profile';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { makeTempDir } from '../support/temp-dir';

// POST /api/v1/eval over real HTTP, as `homelane serve` wires it. Upstream's
// probe files sent through the endpoint must come out exactly as they do
// in-process through runProbes (what `homelane probe` runs), on the same
// router; and bad requests get upstream's error codes.

const temp = makeTempDir('homelane-eval-http-');
let serverCount = 0;

/** A running app with `profile` (or none) and its HTTP server on a free loopback port. */
function serve(profile: LoadedProfile | undefined): Promise<AppServer> {
  return startAppServer({
    dataDir: join(temp.dir, `data-${serverCount++}`),
    ...(profile ? { profile } : {}),
  });
}

async function postEval(
  url: string,
  body: unknown,
  query = '',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/v1/eval${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface HttpVariant {
  id: string;
  passed: boolean;
  decision: string | null;
  request: RoutingRequest;
  response: EvalResponse | null;
}

/**
 * Upstream's harness over HTTP: each variant materialized into an eval body
 * (auto names bound round-robin), POSTed with ?trace=true, and its answer
 * checked with the same checks.
 */
async function probeOverHttp(
  url: string,
  file: ProbeFile,
  config: RouterConfig,
): Promise<HttpVariant[]> {
  const results: HttpVariant[] = [];
  const autoNames = config.autoModelNames;
  let roundRobin = 0;
  for (const group of file.decisions) {
    for (const variant of group.variants) {
      const model =
        group.model ?? autoNames[roundRobin++ % Math.max(1, autoNames.length)] ?? 'vllm-sr/auto';
      const id = `${group.id}:${variant.id}`;
      const request = materializeVariant(file, group, variant, model);
      const answer = await postEval(url, request, '?trace=true');
      if (answer.status !== 200) {
        results.push({ id, passed: false, decision: null, request, response: null });
        continue;
      }
      const response = answer.body as unknown as EvalResponse;
      const profile = config.profiles.get(response.recipe);
      const decisions = profile?.decisions.map((d) => d.name) ?? [];
      const failures = checkVariant(group, variant, model, response, decisions);
      results.push({
        id,
        passed: failures.length === 0,
        decision: response.routing_decision === '' ? null : response.routing_decision,
        request,
        response,
      });
    }
  }
  return results;
}

/** An eval answer as plain JSON with its measured times zeroed. */
function withoutTimings(response: EvalResponse | null): unknown {
  if (!response) return null;
  const plain = JSON.parse(JSON.stringify(response)) as EvalResponse;
  for (const metric of Object.values(plain.metrics)) metric.execution_time_ms = 0;
  return plain;
}

describe.skipIf(!HAS_SHARED)(
  `upstream probe files through POST /api/v1/eval (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
  () => {
    for (const recipe of ['balance', 'privacy']) {
      it(`${recipe}: the same passes and failures as homelane probe`, async () => {
        const profile = await loadProfile(sharedPath(`${recipe}/config.yaml`));
        const loaded = await loadProbesFile(sharedPath(`${recipe}/probes.yaml`));
        expect(loaded.diagnostics).toEqual([]);
        const file = loaded.probes as ProbeFile;
        const served = await serve(profile);
        try {
          const routing = served.context.routing;
          if (!routing) throw new Error('the app has no router');
          const inProcess: ProbeReport = await routing.withRouter((router) =>
            runProbes(router, file),
          );
          const overHttp = await probeOverHttp(served.url, file, profile.config);

          const variants = file.decisions.reduce((n, group) => n + group.variants.length, 0);
          expect(inProcess.results).toHaveLength(variants);
          expect(overHttp).toHaveLength(variants);
          expect(inProcess.passed).toBeGreaterThan(0);
          const passedOverHttp = overHttp.filter((r) => r.passed).length;
          expect(passedOverHttp).toBe(inProcess.passed);
          expect(overHttp.length - passedOverHttp).toBe(inProcess.failed);
          const failing = (results: { id: string; passed: boolean }[]) =>
            results
              .filter((r) => !r.passed)
              .map((r) => r.id)
              .sort();
          expect(failing(overHttp)).toEqual(failing(inProcess.results));
          // Not only the verdicts: every variant lands on the same decision.
          expect(Object.fromEntries(overHttp.map((r) => [r.id, r.decision]))).toEqual(
            Object.fromEntries(inProcess.results.map((r) => [r.id, r.decision])),
          );
          // And the whole answer is the one the router gives in-process (timings aside).
          for (const variant of overHttp) {
            const expected = await routing.withRouter(async (router) => {
              const trace = await router.route(variant.request, { evaluateAll: true });
              const resolved = router.config.profiles.get(trace.recipe ?? 'default');
              if (!resolved) throw new Error(`no profile ${trace.recipe}`);
              return toEvalResponse(trace, resolved, true);
            });
            expect(withoutTimings(variant.response), variant.id).toEqual(withoutTimings(expected));
          }
        } finally {
          await served.close();
        }
      }, 120_000);
    }
  },
);

describe('POST /api/v1/eval', () => {
  let served: AppServer;
  let autoName: string;
  beforeAll(async () => {
    const profile = await loadProfile();
    autoName = profile.config.autoModelNames[0] ?? 'vllm-sr/auto';
    served = await serve(profile);
  }, 60_000);
  afterAll(async () => {
    await served.close();
    temp.cleanup();
  });

  it('answers an eval body in upstream’s response shape', async () => {
    const answer = await postEval(served.url, { text: 'Summarise this incident report for me.' });
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as EvalResponse;
    expect(body.original_text).toBe('Summarise this incident report for me.');
    expect(body.requested_model).toBe(autoName);
    expect(body.recipe).toBe('default');
    expect(body.routing_decision).toBe(body.decision_result.decision_name);
    expect(body.routing_decision).not.toBe('');
    expect(Array.isArray(body.recommended_models)).toBe(true);
    expect(typeof body.selection_status).toBe('string');
    expect(body.signal_errors).toEqual({});
    expect(body).not.toHaveProperty('eval_trace');
  });

  it('evaluates every configured signal, even one no decision reads', async () => {
    const file = join(temp.dir, 'evaluate-all.yaml');
    writeFileSync(
      file,
      `version: v0.3
providers:
  defaults: { default_model: a }
  models:
    - name: a
      provider_model_id: org/a
      backend_refs: [{ name: box, base_url: http://127.0.0.1:9/v1 }]
routing:
  modelCards: [{ name: a }]
  signals:
    keywords:
      - { name: greeting, operator: OR, keywords: [hello] }
    context:
      - { name: short_context, min_tokens: "0", max_tokens: "999" }
      - { name: long_context, min_tokens: 1K, max_tokens: 256K }
  decisions:
    - name: greet
      priority: 1
      rules: { operator: AND, conditions: [{ type: keyword, name: greeting }] }
      modelRefs: [{ model: a }]
`,
    );
    const small = await serve(await loadProfile(file));
    try {
      const answer = await postEval(small.url, { text: 'hello there' });
      expect(answer.status).toBe(200);
      const result = (answer.body as unknown as EvalResponse).decision_result;
      expect(result.decision_name).toBe('greet');
      expect(result.matched_signals).toMatchObject({
        keywords: ['greeting'],
        context: ['short_context'],
      });
      expect(result.used_signals).toEqual({ keywords: ['greeting'] });
      // The envelope fields reach the router: a large tool schema makes the context long.
      const tool = {
        type: 'function',
        function: { name: 'lookup', description: 'x'.repeat(8000), parameters: {} },
      };
      const withTools = await postEval(small.url, { text: 'hello there', tools: [tool] });
      expect(withTools.status).toBe(200);
      expect(
        (withTools.body as unknown as EvalResponse).decision_result.matched_signals,
      ).toMatchObject({ context: ['long_context'] });
    } finally {
      await small.close();
    }
  });

  it('carries eval_trace with ?trace=true or options.trace, naming every decision', async () => {
    const decisions =
      served.context.routing?.profile.config.profiles
        .get('default')
        ?.decisions.map((d) => d.name) ?? [];
    expect(decisions.length).toBeGreaterThan(0);
    for (const [body, query] of [
      [{ text: 'What is the capital of France?' }, '?trace=true'],
      [{ text: 'What is the capital of France?', options: { trace: true } }, ''],
    ] as const) {
      const answer = await postEval(served.url, body, query);
      expect(answer.status).toBe(200);
      const trace = (answer.body as unknown as EvalResponse).eval_trace ?? [];
      expect(trace.map((entry) => entry.decision_name).sort()).toEqual([...decisions].sort());
      const winner = (answer.body as unknown as EvalResponse).routing_decision;
      expect(trace.filter((entry) => entry.matched).map((e) => e.decision_name)).toContain(winner);
      expect(trace[0]?.root_trace).toHaveProperty('node_type');
    }
    const without = await postEval(served.url, { text: 'hi' }, '?trace=false');
    expect(without.body).not.toHaveProperty('eval_trace');
  });

  it('evaluates chat messages (the last user turn)', async () => {
    const answer = await postEval(served.url, {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Name three rivers in Europe.' }] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body['original_text']).toBe('Name three rivers in Europe.');
  });

  it('refuses malformed JSON with 400 INVALID_INPUT', async () => {
    const answer = await postEval(served.url, '{"text": "unfinished');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const error = answer.body['error'] as { message: string; timestamp: string };
    expect(error.message).toMatch(/not valid/);
    expect(Number.isNaN(Date.parse(error.timestamp))).toBe(false);
  });

  it('refuses empty text with 400 INVALID_INPUT', async () => {
    for (const body of [{ text: '' }, {}, { text: '', messages: [], metadata: {} }]) {
      const answer = await postEval(served.url, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'INVALID_INPUT', param: 'text' } });
    }
  });

  it('refuses wrong types and too much metadata, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ text: 42 }, 'text'],
      [{ text: 'hi', messages: 'hello' }, 'messages'],
      [{ messages: [{ content: 'no role' }] }, 'messages.0.role'],
      [{ text: 'hi', max_tokens: -1 }, 'max_tokens'],
      [{ text: 'hi', options: { trace: 'yes' } }, 'options.trace'],
      [
        {
          text: 'hi',
          metadata: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])),
        },
        'metadata',
      ],
    ];
    for (const [body, param] of cases) {
      const answer = await postEval(served.url, body);
      expect(answer.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'INVALID_INPUT', param } });
    }
    const array = await postEval(served.url, [1, 2]);
    expect(array.status).toBe(400);
    expect(array.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('refuses an unknown model, and a concrete alias, with 400 INVALID_ROUTING_MODEL', async () => {
    const unknown = await postEval(served.url, { text: 'hello', model: 'no-such/model' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { code: 'INVALID_ROUTING_MODEL', param: 'model' },
    });
    expect((unknown.body['error'] as { message: string }).message).toContain('no-such/model');
    const alias = [...(served.context.routing?.profile.config.models.keys() ?? [])][0];
    expect(alias).toBeDefined();
    const concrete = await postEval(served.url, { text: 'hello', model: alias });
    expect(concrete.status).toBe(400);
    expect(concrete.body).toMatchObject({ error: { code: 'INVALID_ROUTING_MODEL' } });
  });

  it('answers 503 when no routing profile is loaded', async () => {
    const bare = await serve(undefined);
    try {
      const answer = await postEval(bare.url, { text: 'hello' });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: { code: 'CLASSIFIER_UNAVAILABLE' } });
      expect((answer.body['error'] as { message: string }).message).toMatch(/no routing profile/i);
    } finally {
      await bare.close();
    }
  });
});
