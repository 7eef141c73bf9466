import { describe, expect, it } from 'vitest';
import { compileDsl } from '../../../src-main/core/dsl/compile-dsl';

const compile = (source: string) => {
  const result = compileDsl(source, 'c.dsl');
  return { ...result, routing: result.sections?.routing as Record<string, unknown> | undefined };
};
const problems = (source: string) =>
  compileDsl(source, 'c.dsl').diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.line}:${d.column} ${d.message}`,
  );

describe('compiling to the v0.3 routing section', () => {
  it('compiles a signal and a single-condition route (the leaf gets an AND wrapper, the model a card)', () => {
    const { routing, diagnostics } = compile(`
SIGNAL keyword urgent { operator: "OR" keywords: ["asap", "urgent"] }
ROUTE fast_lane (description = "Urgent traffic") {
  PRIORITY 200
  WHEN keyword("urgent")
  MODEL "small-llm" (reasoning = false)
}`);
    expect(diagnostics).toEqual([]);
    expect(routing).toEqual({
      modelCards: [{ name: 'small-llm' }],
      signals: {
        keywords: [
          { name: 'urgent', operator: 'OR', keywords: ['asap', 'urgent'], case_sensitive: false },
        ],
      },
      decisions: [
        {
          name: 'fast_lane',
          description: 'Urgent traffic',
          priority: 200,
          rules: { operator: 'AND', conditions: [{ type: 'keyword', name: 'urgent' }] },
          modelRefs: [{ model: 'small-llm', use_reasoning: false }],
        },
      ],
    });
  });

  it('flattens same-operator chains and keeps NOT over its operand', () => {
    const { routing } = compile(`
SIGNAL keyword a { operator: "OR" keywords: ["a"] }
SIGNAL keyword b { operator: "OR" keywords: ["b"] }
SIGNAL keyword c { operator: "OR" keywords: ["c"] }
ROUTE r { PRIORITY 1 WHEN (keyword(a) AND keyword(b)) AND keyword(c) OR NOT (keyword(a) OR keyword(b)) MODEL m }`);
    const leaf = (name: string) => ({ type: 'keyword', name });
    expect((routing!.decisions as { rules: unknown }[])[0]!.rules).toEqual({
      operator: 'OR',
      conditions: [
        { operator: 'AND', conditions: [leaf('a'), leaf('b'), leaf('c')] },
        { operator: 'NOT', conditions: [{ operator: 'OR', conditions: [leaf('a'), leaf('b')] }] },
      ],
    });
  });

  it('compiles recipes, entrypoints, plugin templates with overrides and EMIT', () => {
    const result = compile(`
MODEL "local/qwen" { modality: "text" }
ENTRYPOINT { model_names: ["vllm-sr/private"] recipe: "privacy" }
RECIPE privacy (description = "Keep sensitive prompts local" strategy = confidence) {
  SIGNAL pii restricted { threshold: 0.8 }
  PLUGIN replay router_replay { enabled: true max_records: 10 }
  ROUTE sensitive {
    PRIORITY 300
    WHEN pii("restricted")
    MODEL "local/qwen"
    PLUGIN replay { max_records: 500 }
    PLUGIN semantic-cache { enabled: false }
    EMIT retention { drop: true }
  }
}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.sections).toEqual({
      routing: { modelCards: [{ name: 'local/qwen', modality: 'text' }] },
      entrypoints: [{ model_names: ['vllm-sr/private'], recipe: 'privacy' }],
      recipes: [
        {
          name: 'privacy',
          description: 'Keep sensitive prompts local',
          routing: {
            signals: { pii: [{ name: 'restricted', threshold: 0.8 }] },
            decisions: [
              {
                name: 'sensitive',
                priority: 300,
                rules: { operator: 'AND', conditions: [{ type: 'pii', name: 'restricted' }] },
                modelRefs: [{ model: 'local/qwen' }],
                plugins: [
                  { type: 'router_replay', configuration: { enabled: true, max_records: 500 } },
                  { type: 'response_cache', configuration: { enabled: false } },
                ],
                emits: [{ kind: 'retention', retention: { drop: true } }],
              },
            ],
            strategy: 'confidence',
          },
        },
      ],
    });
  });

  it('lowers a DECISION_TREE to routes that exclude the earlier branches', () => {
    const { routing, diagnostics } = compile(`
SIGNAL keyword a { operator: "OR" keywords: ["a"] }
SIGNAL keyword b { operator: "OR" keywords: ["b"] }
DECISION_TREE t {
  IF keyword(a) AND keyword(b) { NAME both MODEL m }
  ELSE IF keyword(a) { MODEL m }
  ELSE { MODEL n }
}`);
    expect(diagnostics).toEqual([]);
    const decisions = routing!.decisions as { name: string; priority: number; rules: unknown }[];
    expect(decisions.map((d) => [d.name, d.priority])).toEqual([
      ['both', 1_000_000],
      ['t__branch_02', 999_999],
      ['t__branch_03', 999_998],
    ]);
    const both = {
      operator: 'AND',
      conditions: [
        { type: 'keyword', name: 'a' },
        { type: 'keyword', name: 'b' },
      ],
    };
    expect(decisions[2]!.rules).toEqual({
      operator: 'AND',
      conditions: [
        { operator: 'NOT', conditions: [both] },
        { operator: 'NOT', conditions: [{ type: 'keyword', name: 'a' }] },
      ],
    });
  });

  it('places on_error as upstream does and merges an explicit FOR list into the model refs', () => {
    const { routing } = compile(`
ROUTE a { PRIORITY 1 MODEL m ALGORITHM confidence { threshold: 0.5 on_error: "skip" } }
ROUTE b { PRIORITY 1 MODEL m ALGORITHM latency_aware { tpot_percentile: 50 on_error: "skip" } }
ROUTE c { PRIORITY 1 FOR x IN ["p" (reasoning = true, param_size = "7b"), "q"] { MODEL x } }`);
    const decisions = routing!.decisions as Record<string, unknown>[];
    expect(decisions[0]!.algorithm).toEqual({
      type: 'confidence',
      confidence: { threshold: 0.5, on_error: 'skip' },
    });
    expect(decisions[1]!.algorithm).toEqual({
      type: 'latency_aware',
      latency_aware: { tpot_percentile: 50 },
      on_error: 'skip',
    });
    expect(decisions[2]!.modelRefs).toEqual([{ model: 'p', use_reasoning: true }, { model: 'q' }]);
    expect(decisions[2]!.candidateIterations).toEqual([
      {
        variable: 'x',
        source: 'models',
        models: [{ model: 'p', use_reasoning: true }, { model: 'q' }],
        outputs: [{ type: 'model', value: 'x' }],
      },
    ]);
    expect(routing!.modelCards).toEqual([
      { name: 'm' },
      { name: 'p', param_size: '7b' },
      { name: 'q' },
    ]);
  });
});

describe('diagnostics of a policy that parses', () => {
  it('refuses unknown block types with a fix, and compiles nothing', () => {
    const result = compileDsl(
      'SIGNAL keywrd k { keywords: ["a"] }\nROUTE r { PRIORITY 1 MODEL m PLUGIN router_replai {} ALGORITHM confidense {} }',
    );
    expect(result.sections).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column, d.fix?.newText])).toEqual([
      ['unknown_signal_type', 1, 8, 'keyword'],
      ['unknown_plugin', 2, 37, 'router_replay'],
      ['unknown_algorithm', 2, 64, 'confidence'],
    ]);
  });

  it('places the config checks at the DSL text they came from, with fixes', () => {
    const source = [
      'SIGNAL keyword urgent { operator: "OR" keywords: ["asap"] }',
      'ROUTE r {',
      '  PRIORITY 1',
      '  TIER -2',
      '  WHEN keyword("urgnt")',
      '  MODEL m',
      '}',
    ].join('\n');
    const result = compileDsl(source, 'c.dsl');
    expect(result.sections).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['constraint', 'invalid_value', 4, 8],
      ['warning', 'unknown_signal', 5, 16],
    ]);
    expect(result.diagnostics[1]!.fix).toEqual({
      description: 'Replace with urgent',
      newText: '"urgent"',
    });
  });

  it('reports a ROUTE with no MODEL and TEST entries for routes that do not exist', () => {
    expect(problems('ROUTE r { PRIORITY 1 }\nTEST t { "hi" -> nowhere }')).toEqual([
      'warning missing_model 1:7 ROUTE "r" names no MODEL',
      'warning unknown_route 2:18 TEST "t" expects route "nowhere", which is not declared',
    ]);
  });
});
