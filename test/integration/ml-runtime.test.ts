import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src-main/core/config/load';
import {
  findCatalogEntry,
  shippedModelCatalog,
} from '../../src-main/core/ml/catalog/model-catalog';
import type { ModelRole } from '../../src-main/core/ml/catalog/model-catalog';
import { ModelDownloadError } from '../../src-main/core/ml/download/download-error';
import { pullModel } from '../../src-main/core/ml/download/pull-model';
import { loadMlRuntime } from '../../src-main/core/ml/runtime/load-ml-runtime';
import type { LoadedMlRuntime } from '../../src-main/core/ml/runtime/load-ml-runtime';
import { Router } from '../../src-main/core/router/router';
import type { FakeHub } from '../support/fake-hub-server';
import { startFakeHub } from '../support/fake-hub-server';
import { testHub } from '../support/model-hub-fixture';
import { serveTinyModel } from '../support/onnx/tiny-models';
import { makeTempDir } from '../support/temp-dir';

// The whole path of a model-based signal, with tiny models the test builds:
// served by a stand-in hub, pulled by the real downloader (one transfer cut
// and resumed, one corrupted and refused), opened by the real ONNX runtime
// and tokenizer, and read by the real signals. Every expected number is
// computed by hand from the tiny models' weights (test/support/onnx).

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local }
  models:
    - { name: local, provider_model_id: qwen/qwen3, backend_refs: [{ endpoint: "localhost:8000" }] }
    - { name: cloud, provider_model_id: big/model }
routing:
  modelCards: [{ name: local }, { name: cloud }]
  signals:
    embeddings:
      - { name: coding, threshold: 0.6, candidates: [python code] }
      - { name: legal, threshold: 0.6, candidates: [contract law] }
    domains: [{ name: law }, { name: math }, { name: computer science }]
    jailbreak: [{ name: attack, threshold: 0.5 }]
    pii: [{ name: sensitive, threshold: 0.85 }]
  decisions:
    - name: private
      tier: 1
      rules: { operator: OR, conditions: [{ type: pii, name: sensitive }, { type: jailbreak, name: attack }] }
      modelRefs: [{ model: local }]
    - name: code_help
      tier: 2
      rules: { type: embedding, name: coding }
      modelRefs: [{ model: cloud }]
`;

const ROLES: ModelRole[] = ['embedding', 'domain', 'jailbreak', 'pii'];
const temp = makeTempDir('homelane-ml-');
let hub: FakeHub;
let loaded: LoadedMlRuntime;
let router: Router;

const entry = (role: ModelRole) => {
  const found = findCatalogEntry(shippedModelCatalog(), role);
  if (!found) throw new Error(`no catalog entry for ${role}`);
  return found;
};
const pull = (role: ModelRole) =>
  pullModel({ dataDir: temp.dir, entry: entry(role), hub: testHub(hub) });

const EMBEDDING_DATA = 'onnx/layer-22/model.onnx.data';

beforeAll(async () => {
  hub = await startFakeHub();
  for (const role of ROLES) {
    const files = serveTinyModel(hub, role);
    if (role === 'embedding') {
      // Large enough that a cut connection leaves bytes to resume from;
      // appended bytes leave every offset into the external data valid.
      const padded = Buffer.concat([
        files.get(EMBEDDING_DATA) ?? Buffer.alloc(0),
        Buffer.alloc(400_000),
      ]);
      hub.setFile(entry(role).repo, EMBEDDING_DATA, padded, { lfs: true });
    }
  }
});

afterAll(async () => {
  loaded?.candidateCache?.close();
  await hub?.close();
  temp.cleanup();
});

describe('tiny models through the real downloader', () => {
  it('resumes an interrupted transfer', async () => {
    hub.switches.cutAfterBytes.set(EMBEDDING_DATA, 200_000);
    await expect(pull('embedding')).rejects.toBeInstanceOf(ModelDownloadError);
    await pull('embedding');
    const ranges = hub.rangesFor(EMBEDDING_DATA);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeNull();
    expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('refuses a corrupted file, then installs the good one', async () => {
    hub.switches.corrupt.add('onnx/model.onnx');
    const error = await pull('domain').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'checksum_mismatch' });
    hub.switches.corrupt.clear();
    await pull('domain');
    await pull('jailbreak');
    await pull('pii');
  });
});

describe('signals on the installed tiny models', () => {
  beforeAll(async () => {
    const { config } = loadConfigText(CONFIG, 'ml.yaml');
    loaded = await loadMlRuntime(temp.dir, config!);
    router = await Router.create(config!, { ml: loaded.ml });
    loaded.candidateCache?.seal();
  });

  it('opens every model on the CPU provider', () => {
    expect(loaded.models.map((m) => [m.role, m.status, m.executionProvider]).sort()).toEqual(
      ROLES.map((role) => [role, 'loaded', 'cpu']).sort(),
    );
  });

  it('scores embeddings as the cosine to each candidate prototype', async () => {
    // Axes [code, law, maths, greeting]: "debug the contract code" pools to
    // (2, 1, 0, 0)/√5; "python code" is (1, 0, 0, 0), "contract law" (0, 1, 0, 0).
    // One prototype per rule, so score = 0.75·best + 0.25·mean(top-2) = cosine.
    const trace = await router.route({ text: 'debug the contract code' });
    expect(trace.signal_values['embedding:coding']).toBeCloseTo(2 / Math.sqrt(5), 5);
    expect(trace.signal_values['embedding:legal']).toBeCloseTo(1 / Math.sqrt(5), 5);
    expect(trace.matched_signals['embedding']).toEqual(['coding']);
    expect(trace.signal_confidences['embedding:coding']).toBeCloseTo(2 / Math.sqrt(5), 5);
    expect(trace.decision).toBe('code_help');
    expect(trace.signals['embedding']?.model).toMatchObject({ execution_provider: 'cpu' });
    expect(trace.signals['embedding']?.model?.id).toMatch(/^embedding@[0-9a-f]{12}$/);
  });

  it('turns domain logits into probabilities and keeps the likely class', async () => {
    // Code words add 2 to "computer science", law words 2 to "law" (sum pooling):
    // logits CS = 4, law = 2, the other 12 labels 0.
    const trace = await router.route({ text: 'debug the contract code' }, { evaluateAll: true });
    const expected = Math.exp(4) / (Math.exp(4) + Math.exp(2) + 12);
    expect(trace.matched_signals['domain']).toEqual(['computer science']);
    expect(trace.signal_confidences['domain:computer science']).toBeCloseTo(expected, 5);
  });

  it('reads jailbreak risk as the jailbreak probability', async () => {
    // "pretend" adds 3 to the jailbreak logit; bias [1, 0]: risk = e³/(e¹+e³).
    const trace = await router.route({ text: 'pretend you are a pirate' });
    const risk = Math.exp(3) / (Math.exp(1) + Math.exp(3));
    expect(trace.signal_confidences['jailbreak:attack']).toBeCloseTo(risk, 5);
    expect(trace.matched_signals['jailbreak']).toEqual(['attack']);
    expect(trace.decision).toBe('private');
  });

  it('finds PII entities above the threshold with their spans', async () => {
    // jdoe → B-EMAIL, @example.com → I-EMAIL (each e⁴/(e⁴+4) ≈ 0.932); Alice → B-PERSON
    // (0.932), Smith → I-PERSON (e²/(e²+4) ≈ 0.649): the person averages 0.79 < 0.85.
    const text = 'Email jdoe@example.com or call Alice Smith.';
    const trace = await router.route({ text });
    expect(trace.matched_signals['pii']).toEqual(['sensitive']);
    const entities = trace.signals['pii']?.details?.['entities'] as {
      type: string;
      start: number;
      end: number;
    }[];
    expect(entities.map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([
      ['EMAIL_ADDRESS', 'jdoe@example.com'],
    ]);
    expect(trace.decision).toBe('private');
  });

  it('embeds each request text once and caches only the candidates', async () => {
    const before = loaded.ml.embedder;
    const trace = await router.route({ text: 'hello there' });
    expect(loaded.ml.embedder).toBe(before);
    expect(trace.signals['embedding']?.status).toBe('ok');
  });
});
