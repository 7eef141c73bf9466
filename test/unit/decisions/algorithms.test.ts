import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import { selectModel } from '../../../src-main/core/decisions/model-selection';

const config = (algorithm: string, extra = '') =>
  loadConfigText(`version: v0.3
providers:
  defaults: { default_model: small }
  models:
    - { name: small, pricing: { prompt_per_1m: 0, completion_per_1m: 0 } }
    - { name: big, pricing: { prompt_per_1m: 2, completion_per_1m: 8 } }
    - { name: best, pricing: { prompt_per_1m: 5, completion_per_1m: 20 } }
routing:
  modelCards:
    - { name: small, quality_score: 0.5 }
    - { name: big, quality_score: 0.8 }
    - { name: best, quality_score: 0.95 }
  decisions:
    - name: d
      modelRefs: [{ model: small }, { model: big }, { model: best }]
      algorithm:
        type: ${algorithm}
${extra}
`);

function select(algorithm: string, extra = '') {
  const { config: loaded, diagnostics } = config(algorithm, extra);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return selectModel(loaded!, loaded!.profiles.get('default')!.decisions[0]);
}

describe('decision algorithms (reference §4.5, §6.3)', () => {
  it('static takes the first modelRef', () => {
    expect(select('static')).toMatchObject({
      model: 'small',
      method: 'static',
      status: 'selected',
      recommended: ['small', 'big', 'best'],
    });
  });

  it('latency_aware takes the first candidate until latencies are observed', () => {
    expect(select('latency_aware')).toMatchObject({
      model: 'small',
      method: 'latency_aware',
      status: 'selected',
    });
  });

  it('multi_factor weighs quality against cost', () => {
    const qualityFirst =
      '        multi_factor: { weights: { quality: 0.9, cost: 0.1, latency: 0, load: 0 } }';
    const costFirst =
      '        multi_factor: { weights: { quality: 0.1, cost: 0.9, latency: 0, load: 0 } }';
    expect(select('multi_factor', qualityFirst)).toMatchObject({
      model: 'best',
      method: 'multi_factor',
      status: 'selected',
    });
    expect(select('multi_factor', costFirst).model).toBe('small');
  });

  it('model-backed selectors fall back to the first candidate, saying why', () => {
    const choice = select('router_dc');
    expect(choice).toMatchObject({ model: 'small', method: 'router_dc', status: 'fallback' });
    expect(choice.reason).toContain('needs a model');
  });

  it('loopers report planned_final with a final model, else execution_required without a model', () => {
    expect(select('workflows', '        workflows: { final: { model: best } }')).toMatchObject({
      model: 'best',
      status: 'planned_final',
      method: 'workflows',
    });
    expect(select('confidence')).toMatchObject({
      model: null,
      status: 'execution_required',
      method: 'confidence',
    });
  });

  it('warns at load that loopers cannot run yet', () => {
    const { diagnostics } = config('fusion');
    expect(diagnostics.map((d) => d.code)).toContain('looper_algorithm');
    expect(config('roulette').diagnostics.map((d) => d.code)).toContain('unknown_algorithm');
  });
});
