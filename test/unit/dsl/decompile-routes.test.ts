import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';

const decompileYaml = (text: string) => decompileConfig(ConfigSchema.parse(parse(text)));

/** The ROUTE block of `name`, from its header line to its closing brace. */
function route(text: string, name: string): string {
  const start = text.indexOf(`ROUTE ${name} `);
  if (start < 0) throw new Error(`no ROUTE ${name} in:\n${text}`);
  return text.slice(start, text.indexOf('\n}\n', start) + 3);
}

describe('ROUTE header and items', () => {
  const out = decompileYaml(`
routing:
  modelCards:
    - { name: local/qwen, param_size: 7b }
  decisions:
    - name: full
      description: Says "everything"
      priority: 300
      tier: 2
      rules: { operator: AND, conditions: [{ type: domain, name: math }] }
      modelRefs:
        - { model: local/qwen, use_reasoning: true, reasoning_effort: high, lora_name: math-lora, weight: 2 }
        - { model: qwen2.5:3b, use_reasoning: false }
        - { model: plain }
      adaptations: { shadow: true }
      annotations: { owner: team }
      output_contract: { type: json }
    - name: bare
`);

  it('writes the description option, PRIORITY, TIER, WHEN and a MODEL list aligned under its first model', () => {
    expect(route(out, 'full')).toBe(`ROUTE full (description = "Says \\"everything\\"") {
  PRIORITY 300
  TIER 2
  WHEN domain("math")
  MODEL "local/qwen" (reasoning = true, effort = "high", lora = "math-lora", weight = 2, param_size = "7b"),
        "qwen2.5:3b" (reasoning = false),
        "plain"
}
`);
  });

  it('always writes PRIORITY, and leaves out a zero TIER and an empty WHEN', () => {
    expect(route(out, 'bare')).toBe('ROUTE bare {\n  PRIORITY 0\n}\n');
  });

  it('drops decision fields the DSL cannot say', () => {
    expect(out).not.toMatch(/shadow|owner|adaptations|annotations|output_contract/);
  });
});

describe('PLUGIN', () => {
  const out = decompileYaml(`
routing:
  decisions:
    - name: first
      priority: 2
      plugins:
        - type: router_replay
          configuration: { max_body_bytes: 4096, enabled: true, capture_request_body: true, max_records: 100 }
        - type: system-prompt
          configuration: { mode: insert, enabled: false, system_prompt: "Be brief.\\nNo lists." }
        - type: tools
          configuration: { allow_tools: [search], mode: filtered, enabled: true, zeta: 1, alpha: { b: 2, a: 1 } }
    - name: second
      priority: 1
      plugins:
        - { type: router_replay, configuration: { enabled: true } }
        - { type: semantic-cache, configuration: { similarity_threshold: 0.9, enabled: true } }
        - { type: fast_response }
`);

  it('writes a template line for every plugin type used twice or more, sorted by type', () => {
    expect(out).toContain(
      '# PLUGINS\n# =============================================================================\n\nPLUGIN router_replay router_replay {}\n\n# ===',
    );
  });

  it('writes each plugin in full, typed fields in their order, other keys sorted after', () => {
    expect(route(out, 'first')).toBe(`ROUTE first {
  PRIORITY 2
  PLUGIN router_replay {
    enabled: true
    max_records: 100
    capture_request_body: true
    max_body_bytes: 4096
  }
  PLUGIN system_prompt {
    enabled: false
    system_prompt: "Be brief.\\nNo lists."
    mode: "insert"
  }
  PLUGIN tools {
    enabled: true
    mode: "filtered"
    allow_tools: ["search"]
    alpha: { a: 1, b: 2 }
    zeta: 1
  }
}
`);
  });

  it('normalises plugin type aliases, sorts free-form plugins and leaves a bare PLUGIN without settings', () => {
    expect(route(out, 'second')).toContain(
      '  PLUGIN response_cache {\n    enabled: true\n    similarity_threshold: 0.9\n  }\n  PLUGIN fast_response\n}',
    );
  });

  it('writes no PLUGINS section when no type repeats', () => {
    const single = decompileYaml(`
routing:
  decisions: [{ name: r, plugins: [{ type: tools, configuration: { enabled: true } }] }]
`);
    expect(single).not.toContain('# PLUGINS');
  });
});

describe('ALGORITHM', () => {
  const out = decompileYaml(`
routing:
  decisions:
    - name: confidence_inner
      algorithm:
        type: confidence
        confidence: { threshold: 0.5, on_error: skip, confidence_method: avg_logprob, hybrid_weights: { margin_weight: 0.5, logprob_weight: 0.5 } }
    - name: confidence_top
      algorithm: { type: confidence, on_error: fail, confidence: { threshold: 0.4 } }
    - name: remom
      algorithm: { type: remom, remom: { breadth_schedule: [4, 2], on_error: skip } }
    - name: fusion
      algorithm: { type: fusion, on_error: skip, fusion: { model: judge, analysis_models: [a, b] } }
    - name: static
      algorithm: { type: static }
    - name: latency
      algorithm: { type: latency_aware, latency_aware: { tpot_percentile: 90, ttft_percentile: 95 } }
`);

  it('prints the sub-object and on_error as sorted fields, nested objects inline', () => {
    expect(route(out, 'confidence_inner')).toContain(`  ALGORITHM confidence {
    confidence_method: "avg_logprob"
    hybrid_weights: { logprob_weight: 0.5, margin_weight: 0.5 }
    on_error: "skip"
    threshold: 0.5
  }
`);
    expect(route(out, 'remom')).toContain(
      '  ALGORITHM remom {\n    breadth_schedule: [4, 2]\n    on_error: "skip"\n  }\n',
    );
    expect(route(out, 'latency')).toContain(
      '  ALGORITHM latency_aware {\n    tpot_percentile: 90\n    ttft_percentile: 95\n  }\n',
    );
  });

  it('prints on_error the same wherever the YAML placed it', () => {
    expect(route(out, 'confidence_top')).toContain(
      '  ALGORITHM confidence {\n    on_error: "fail"\n    threshold: 0.4\n  }\n',
    );
    expect(route(out, 'fusion')).toContain(
      '  ALGORITHM fusion {\n    analysis_models: ["a", "b"]\n    model: "judge"\n    on_error: "skip"\n  }\n',
    );
  });

  it('writes a bare ALGORITHM line for a type without settings', () => {
    expect(route(out, 'static')).toBe('ROUTE static {\n  PRIORITY 0\n  ALGORITHM static\n}\n');
  });
});

describe('FOR candidate iterations', () => {
  const out = decompileYaml(`
routing:
  decisions:
    - name: over_candidates
      modelRefs: [{ model: a }, { model: b }]
      candidateIterations:
        - { variable: c, source: decision.candidates, outputs: [{ type: model, value: c }] }
    - name: covered
      modelRefs: [{ model: a, use_reasoning: true }, { model: b }]
      candidateIterations:
        - variable: m
          source: models
          models: [{ model: a, use_reasoning: true }, { model: b, weight: 0.5 }]
          outputs: [{ type: model, value: m }]
    - name: not_covered
      modelRefs: [{ model: a }]
      candidateIterations:
        - { variable: m, source: models, models: [{ model: b }], outputs: [{ type: model, value: m }] }
`);

  it('writes FOR over decision.candidates after the MODEL line', () => {
    expect(route(out, 'over_candidates')).toBe(`ROUTE over_candidates {
  PRIORITY 0
  MODEL "a",
        "b"
  FOR c IN decision.candidates {
    MODEL c
  }
}
`);
  });

  it('leaves out MODEL when one explicit FOR list names exactly the modelRefs', () => {
    expect(route(out, 'covered')).toBe(`ROUTE covered {
  PRIORITY 0
  FOR m IN ["a" (reasoning = true), "b" (weight = 0.5)] {
    MODEL m
  }
}
`);
  });

  it('keeps MODEL when the explicit list differs from the modelRefs', () => {
    expect(route(out, 'not_covered')).toContain('  MODEL "a"\n  FOR m IN ["b"] {\n');
  });
});

describe('EMIT', () => {
  const out = decompileYaml(`
routing:
  decisions:
    - name: keep
      emits:
        - kind: retention
          retention: { prefer_prefix_retention: true, drop: false, ttl_turns: 3, keep_current_model: false }
    - name: empty
      emits: [{ kind: retention }, { kind: mystery, mystery: { a: 1 } }]
`);

  it('writes retention fields in order, an explicit false included', () => {
    expect(route(out, 'keep')).toContain(`  EMIT retention {
    drop: false
    ttl_turns: 3
    keep_current_model: false
    prefer_prefix_retention: true
  }
`);
  });

  it('writes an empty block for an empty retention and for an unknown kind', () => {
    expect(route(out, 'empty')).toContain('  EMIT retention {}\n  EMIT mystery {}\n');
  });

  it('places items in the order MODEL, FOR, ALGORITHM, PLUGIN, EMIT', () => {
    const all = decompileYaml(`
routing:
  decisions:
    - name: r
      emits: [{ kind: retention, retention: { drop: true } }]
      plugins: [{ type: tools, configuration: { enabled: true } }]
      algorithm: { type: static }
      candidateIterations: [{ variable: c, source: decision.candidates, outputs: [{ type: model, value: c }] }]
      modelRefs: [{ model: m }]
`);
    const body = route(all, 'r');
    const positions = ['MODEL "m"', 'FOR c', 'ALGORITHM', 'PLUGIN tools', 'EMIT'].map((item) =>
      body.indexOf(item),
    );
    expect(positions.every((at) => at > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });
});
