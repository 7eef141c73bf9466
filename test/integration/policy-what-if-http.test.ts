import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyWhatIf } from '../../src-main/contract';
import { RecordStore } from '../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../src-main/core/replay/record-types';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { databasePath, openDatabase } from '../../src-main/core/store/database';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { dataOf, errorOf, rpcOverHttp } from '../support/rpc-http';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// policy.whatIf over HTTP against a real store: traffic is sent through the
// OpenAI-compatible endpoint to the stand-in LLM and recorded as it would be
// in use; then edited policies are tried on it. The what-if itself must call
// no lane and record nothing.

const temp = makeTempDir('homelane-what-if-http-');
let llm: StandInLlm;
let server: AppServer;
let db: ReturnType<typeof openDatabase>;

const ESSAY_BYTES = 160;

/** Two local aliases and a priced cloud one, all answered by the stand-in. */
function policy(standIn: string, edit: { code?: string; essay?: string; fallback?: string } = {}) {
  return `version: v0.3
providers:
  defaults: { default_model: ${edit.fallback ?? 'local/small'} }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 }
      backend_refs: [{ name: box, base_url: ${standIn}/v1 }]
    - name: local/other
      provider_model_id: stand-in-other
      pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 }
      backend_refs: [{ name: rig, base_url: ${standIn}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: ${standIn}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: local/other, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  signals:
    keywords:
      - { name: code, operator: OR, keywords: [python, compile] }
      - { name: essay, operator: OR, keywords: [essay] }
  decisions:
    - name: code
      priority: 20
      rules: { operator: AND, conditions: [{ type: keyword, name: code }] }
      modelRefs: [{ model: ${edit.code ?? 'local/small'} }]
    - name: essay
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: essay }] }
      modelRefs: [{ model: ${edit.essay ?? 'local/small'} }]
      plugins:
        - type: router_replay
          configuration: { enabled: true, max_body_bytes: ${ESSAY_BYTES} }
`;
}

const PROMPTS = {
  sort: 'write python to sort a list',
  module: 'how do I compile this module',
  hello: 'hello there',
  private: 'python help please, my email is jane.doe@example.com',
  essay: `write an essay about rivers: ${'the water runs to the sea and back again as rain. '.repeat(8)}`,
};
type PromptName = keyof typeof PROMPTS;
const ids = new Map<PromptName, string>();
let active: string;

async function send(content: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
  });
  expect(response.status).toBe(200);
  await response.json();
  const id = response.headers.get('x-vsr-replay-id');
  if (!id) throw new Error('the request was not recorded');
  return id;
}

async function whatIf(text: string, format: 'yaml' | 'dsl' = 'yaml'): Promise<PolicyWhatIf> {
  return dataOf((await rpcOverHttp(server.url, 'policy.whatIf', { text, format })).result);
}

function changedIds(result: PolicyWhatIf): string[] {
  return result.changes.map((change) => change.id).sort();
}

function idsOf(...names: PromptName[]): string[] {
  return names.map((name) => ids.get(name) ?? '').sort();
}

beforeAll(async () => {
  llm = await startStandInLlm();
  active = policy(llm.url);
  const file = join(temp.dir, 'policy.yaml');
  writeFileSync(file, active);
  const dataDir = join(temp.dir, 'data');
  server = await startAppServer({ dataDir, profile: await loadProfile(file) });
  db = openDatabase(databasePath(dataDir));
  for (const name of Object.keys(PROMPTS) as PromptName[]) {
    ids.set(name, await send(PROMPTS[name]));
  }
  const store = new RecordStore(db);
  // The records are completed just after each answer; wait for the last one.
  for (let tries = 0; tries < 50; tries++) {
    const records = [...store.all()];
    if (records.length === ids.size && records.every((r) => r.lifecycle_state !== 'in_progress'))
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  await llm?.stop();
  temp.cleanup();
});

function stored(name: PromptName): RoutingRecord {
  const record = new RecordStore(db).get(ids.get(name) ?? '');
  if (!record) throw new Error(`no record for ${name}`);
  return record;
}

describe('policy.whatIf over HTTP', () => {
  it('recorded the traffic it replays as the policy in force routed it', () => {
    expect(stored('sort')).toMatchObject({ decision: 'code', lane_id: 'local/small_box' });
    expect(stored('private').private).toBe(true);
    expect(stored('essay').request_body_truncated).toBe(true);
    expect(stored('sort').request_body_truncated).toBe(false);
  });

  it('(a) finds nothing to change under the policy in force, and flags the cut body', async () => {
    const requestsBefore = (await llm.requests()).length;
    const recordsBefore = new RecordStore(db).count();
    const result = await whatIf(active);
    expect(result).toMatchObject({
      considered: 5,
      rerouted: 5,
      skipped: 0,
      changed: 0,
      decisionChanges: 0,
      laneChanges: 0,
      newlyLeaving: 0,
      offMachine: 0,
      privateOffMachine: 0,
      truncated: 1,
      changes: [],
      changesTruncated: false,
    });
    expect(result.cost.after).toBeCloseTo(result.cost.before, 12);
    expect(result.durationMs).toBeGreaterThan(0);
    // No lane was called and nothing was recorded.
    expect((await llm.requests()).length).toBe(requestsBefore);
    expect(new RecordStore(db).count()).toBe(recordsBefore);
  });

  it('(b) lists exactly the requests of a decision moved to another model, before and after', async () => {
    const result = await whatIf(policy(llm.url, { code: 'local/other' }));
    expect(changedIds(result)).toEqual(idsOf('sort', 'module', 'private'));
    expect(result.changed).toBe(3);
    expect(result.decisionChanges).toBe(0);
    expect(result.laneChanges).toBe(3);
    expect(result.newlyLeaving).toBe(0);
    const change = result.changes.find((c) => c.id === ids.get('sort'));
    expect(change).toMatchObject({
      prompt: PROMPTS.sort,
      private: false,
      truncated: false,
      leaves: false,
      changed: ['model', 'lane'],
      before: {
        decision: 'code',
        model: 'local/small',
        lane: 'local/small_box',
        locality: 'local',
      },
      after: { decision: 'code', model: 'local/other', lane: 'local/other_rig', locality: 'local' },
    });
    // Newest first.
    const times = result.changes.map((c) => c.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // The private one is masked as the store keeps it.
    const privateChange = result.changes.find((c) => c.id === ids.get('private'));
    expect(privateChange?.private).toBe(true);
    expect(privateChange?.prompt).not.toContain('jane.doe@example.com');
  });

  it('(c) keeps private requests on the machine while the others would leave', async () => {
    const result = await whatIf(
      policy(llm.url, { code: 'cloud/big', essay: 'cloud/big', fallback: 'cloud/big' }),
    );
    expect(result.privateOffMachine).toBe(0);
    expect(result.offMachine).toBe(4);
    expect(result.newlyLeaving).toBe(4);
    const leaving = result.changes.filter((c) => c.leaves).map((c) => c.id);
    expect(leaving.sort()).toEqual(idsOf('sort', 'module', 'hello', 'essay'));
    const sort = result.changes.find((c) => c.id === ids.get('sort'));
    expect(sort?.after).toMatchObject({
      model: 'cloud/big',
      lane: 'cloud/big_api',
      locality: 'cloud',
    });
    // The policy chose the cloud for the private one; the guard sends it to a local lane.
    const kept = result.changes.find((c) => c.id === ids.get('private'));
    expect(kept).toMatchObject({ private: true, leaves: false });
    expect(kept?.after.model).toBe('cloud/big');
    expect(kept?.after.locality).toBe('local');
    // Paid tokens now: the edit costs more than what was spent, and the baseline is the cloud price.
    expect(result.cost.before).toBe(0);
    expect(result.cost.after).toBeGreaterThan(0);
    expect(result.cost.baseline).toBeGreaterThanOrEqual(result.cost.after);
    expect(result.cost.currency).toBe('USD');
  });

  it('(d) flags a request whose stored body was cut at capture', async () => {
    const result = await whatIf(policy(llm.url, { essay: 'local/other' }));
    expect(changedIds(result)).toEqual(idsOf('essay'));
    expect(result.changes[0]).toMatchObject({
      truncated: true,
      after: { decision: 'essay', model: 'local/other' },
    });
    expect(result.truncated).toBe(1);
  });

  it('(e) refuses an edit with a syntax error, saying where it is', async () => {
    const broken = `ROUTE code {\n  PRIORITY 20\n  WHEN keyword("code"\n  MODEL "local/other"\n}\n`;
    const answer = await rpcOverHttp(server.url, 'policy.whatIf', { text: broken, format: 'dsl' });
    const error = errorOf(answer.result);
    expect(error.code).toBe('invalid_input');
    const details = error.details as {
      reason: string;
      diagnostics: { line: number; severity: string }[];
      problems: string[];
    };
    expect(details.reason).toBe('invalid_policy');
    expect(details.problems.length).toBeGreaterThan(0);
    const first = details.diagnostics.find((d) => d.severity === 'error');
    expect(first?.line).toBeGreaterThanOrEqual(3);

    const yaml = await rpcOverHttp(server.url, 'policy.whatIf', {
      text: 'version: v0.3\nversion: v0.3\n',
      format: 'yaml',
    });
    const yamlError = errorOf(yaml.result);
    expect(yamlError.code).toBe('invalid_input');
    const yamlDetails = yamlError.details as { diagnostics: { line: number; severity: string }[] };
    expect(yamlDetails.diagnostics.find((d) => d.severity === 'error')?.line).toBe(2);
  });

  it('looks at no more than the limit, newest first', async () => {
    const answer = await rpcOverHttp(server.url, 'policy.whatIf', {
      text: policy(llm.url, { code: 'local/other' }),
      format: 'yaml',
      limit: 2,
    });
    const result = dataOf(answer.result);
    expect(result.considered).toBe(2);
    // The two newest are the private (code) one and the essay: one change.
    expect(changedIds(result)).toEqual(idsOf('private'));
  });
});
