import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src-main/core/config/diagnostics';
import { loadConfigText } from '../../../src-main/core/config/load';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../../support/shared-recipes';

const MINIMAL = `version: v0.3
providers:
  defaults:
    default_model: local
  models:
    - name: local
      provider_model_id: qwen/qwen3
      backend_refs: [{ endpoint: "localhost:8000" }]
routing:
  modelCards:
    - name: local
  signals:
    keywords:
      - name: code
        operator: OR
        keywords: [python]
  decisions:
    - name: coding
      priority: 10
      rules: { type: keyword, name: code }
      modelRefs: [{ model: local }]
`;

const codes = (text: string) => loadConfigText(text, 'test.yaml').diagnostics.map((d) => d.code);

describe('loadConfigText', () => {
  it('loads a minimal config and fills upstream defaults', () => {
    const result = loadConfigText(MINIMAL, 'test.yaml');
    expect(result.diagnostics).toEqual([]);
    const config = result.config;
    expect(config?.autoModelNames).toEqual(['vllm-sr/auto', 'auto', 'MoM']);
    expect(config?.profiles.get('default')?.decisions[0]?.modelRefs?.[0]?.use_reasoning).toBe(
      false,
    );
    expect(config?.models.get('local')?.upstreamModelId).toBe('qwen/qwen3');
  });

  it('locates a YAML syntax error', () => {
    const [error] = loadConfigText('routing:\n  decisions: [\n', 'bad.yaml').diagnostics;
    expect(error).toMatchObject({ severity: 'error', code: 'yaml_syntax', file: 'bad.yaml' });
    expect(error?.line).toBeGreaterThanOrEqual(2);
  });

  it('returns every error at once, each with file, line, column and key path', () => {
    const broken = MINIMAL.replace('operator: OR', 'operator: or')
      .replace('rules: { type: keyword, name: code }', 'rules: { type: projection, name: nowhere }')
      .replace('modelRefs: [{ model: local }]', 'modelRefs: [{ model: locl }]');
    const { config, diagnostics } = loadConfigText(broken, 'broken.yaml');
    expect(config).toBeUndefined();
    const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d]));
    expect(byCode['invalid_operator']).toMatchObject({
      path: 'routing.signals.keywords[0].operator',
      line: 15,
      column: 9,
    });
    expect(byCode['unknown_projection']).toMatchObject({
      path: 'routing.decisions[0].rules.name',
      line: 20,
    });
    expect(byCode['unknown_model']?.message).toContain('did you mean "local"');
    expect(formatDiagnostic(byCode['invalid_operator']!)).toMatch(
      /^broken\.yaml:15:9: error \[invalid_operator\] routing\.signals\.keywords\[0\]\.operator: /,
    );
  });

  it('keeps unknown keys and warns about each', () => {
    const text = MINIMAL.replace('  modelCards:', '  colour: blue\n  modelCards:').replace(
      'priority: 10',
      'priority: 10\n      priorty: 11',
    );
    const { config, diagnostics } = loadConfigText(text, 'x.yaml');
    expect(config).toBeDefined();
    expect(diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['warning', 'unknown_key', 'routing.colour'],
      ['warning', 'unknown_key', 'routing.decisions[0].priorty'],
    ]);
    expect((config?.raw.routing as Record<string, unknown>)['colour']).toBe('blue');
  });

  it('reports schema type errors with the path', () => {
    const { diagnostics } = loadConfigText(
      MINIMAL.replace('priority: 10', 'priority: high'),
      'x.yaml',
    );
    expect(diagnostics[0]).toMatchObject({
      code: 'schema',
      path: 'routing.decisions[0].priority',
      line: 19,
    });
    expect(diagnostics[0]?.message).toContain('expected number');
  });

  it('refuses documents that are not v0.3 configs', () => {
    expect(codes('- a\n- b\n')).toEqual(['schema']);
    expect(codes('name: something\n')).toEqual(['not_canonical']);
  });

  it('warns about selectors that fall back and rejects unknown plugins clearly', () => {
    const text = MINIMAL.replace(
      'modelRefs: [{ model: local }]',
      'modelRefs: [{ model: local }]\n      algorithm: { type: router_dc }\n      plugins: [{ type: sytem_prompt }]',
    );
    const { diagnostics } = loadConfigText(text, 'x.yaml');
    expect(diagnostics.find((d) => d.code === 'selector_fallback')).toMatchObject({
      severity: 'warning',
    });
    expect(diagnostics.find((d) => d.code === 'unknown_plugin')?.message).toContain(
      'did you mean "system_prompt"',
    );
  });

  it('rejects projection rule violations of reference §3.6', () => {
    const text = MINIMAL.replace(
      '  decisions:',
      `  projections:
    scores:
      - name: s
        method: weighted_sum
        inputs: [{ type: keyword, name: nope, weight: 1, value_source: sometimes }]
    mappings:
      - name: m
        source: missing
        outputs: [{ name: o, gt: 1, gte: 2 }, { name: p }]
  decisions:`,
    );
    const found = codes(text);
    for (const code of [
      'unknown_signal',
      'invalid_value',
      'unknown_score',
      'conflicting_bounds',
      'missing_bound',
    ])
      expect(found).toContain(code);
  });

  it('guards against alias expansion bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    const { diagnostics } = loadConfigText(`${bomb.join('\n')}\nrouting: {}\n`, 'bomb.yaml');
    expect(diagnostics[0]?.code).toBe('yaml_syntax');
  });
});

describe.skipIf(!HAS_SHARED)(
  `upstream recipes (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
  () => {
    it.each(['balance', 'privacy'])('loads %s without a single diagnostic', (name) => {
      const result = loadConfigText(readShared(`${name}/config.yaml`), `${name}/config.yaml`);
      expect(result.diagnostics).toEqual([]);
      expect(result.config?.profiles.get('default')?.decisions.length).toBe(
        name === 'balance' ? 14 : 4,
      );
    });
  },
);
