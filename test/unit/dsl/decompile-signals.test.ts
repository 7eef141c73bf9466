import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';
import { SIGNAL_FIELDS, SIGNAL_PRINT_ORDER } from '../../../src-main/core/dsl/field-order';
import { SIGNAL_TYPES } from '../../../src-main/core/signals/signal-types';

const decompileYaml = (text: string) => decompileConfig(ConfigSchema.parse(parse(text)));

/** The text between the SIGNALS banner and the next banner. */
function signalsSection(text: string): string {
  const start = text.indexOf('# SIGNALS\n');
  const body = text.slice(text.indexOf('\n\n', start) + 2);
  return body.slice(0, body.indexOf('# ====='));
}

// One rule of every signal type, written in the YAML in reverse print order
// and with keys out of print order, to show both orders come from the tables.
const ALL_TYPES = `
routing:
  signals:
    classifiers:
      - name: intent
        labels: [billing, other]
        type: local
        model: intent-mini
        description: Intent classifier
        zz_extra: kept
    metadata:
      - name: tenant_a
        equals: a
        key: tenant
    events:
      - name: outage
        temporal: true
        severities: [critical]
        event_types: [incident]
    kb:
      - name: policy
        match: best
        target: { value: privacy, kind: group }
        kb: privacy_kb
    pii:
      - name: pii_strict
        description: PII
        threshold: 0.85
        pii_types_allowed: [EMAIL]
    jailbreak:
      - name: jb
        description: Jailbreak
        threshold: 0.45
        method: classifier
        include_history: true
    role_bindings:
      - name: admins
        subjects: [{ name: ops, kind: Group }, { kind: User, name: alice }]
        role: admin
    modality:
      - name: image
        description: Image requests
    complexity:
      - name: code_task
        easy: { candidates: [fix a typo] }
        hard: { candidates: [design a system], image_candidates: [diagram] }
        composer:
          operator: OR
          conditions:
            - { name: computer science, type: domain }
            - operator: NOT
              conditions: [{ type: keyword, name: simple }]
        description: Coding difficulty
        threshold: 0.12
    conversation:
      - name: long_chat
        predicate: { gte: 6 }
        feature: { type: count, source: { type: message, role: user } }
    structure:
      - name: numbered
        feature: { source: { type: regex, pattern: '(?m)^\\s*\\d+\\.' }, type: exists }
        description: Numbered "1." items
    context:
      - name: long_context
        max_tokens: 256K
        min_tokens: 8000
    language:
      - name: zh
        threshold: 0.5
        description: Chinese
    preferences:
      - name: concise
        threshold: 0.7
        examples: [keep it short]
        description: Wants brevity
    reasks:
      - name: again
        lookback_turns: 2
        threshold: 0.8
        description: Repeats the last turn
    user_feedbacks:
      - name: wrong_answer
        description: Says the answer is wrong
    fact_check:
      - name: needs_check
        description: Asks for sources
    embeddings:
      - name: code_general
        aggregation_method: max
        candidates: [Debug this, Refactor that]
        threshold: 0.75
    keywords:
      - name: urgent
        keywords: [asap, urgent]
        operator: OR
        case_sensitive: true
        fuzzy_threshold: 2
    domains:
      - name: computer science
        mmlu_categories: [computer science]
        description: Programming
`;

const EXPECTED_SIGNALS = `SIGNAL domain "computer science" {
  description: "Programming"
  mmlu_categories: ["computer science"]
}

SIGNAL keyword urgent {
  operator: "OR"
  keywords: ["asap", "urgent"]
  case_sensitive: true
  fuzzy_threshold: 2
}

SIGNAL embedding code_general {
  threshold: 0.75
  candidates: ["Debug this", "Refactor that"]
  aggregation_method: "max"
}

SIGNAL fact_check needs_check {
  description: "Asks for sources"
}

SIGNAL user_feedback wrong_answer {
  description: "Says the answer is wrong"
}

SIGNAL reask again {
  description: "Repeats the last turn"
  threshold: 0.8
  lookback_turns: 2
}

SIGNAL preference concise {
  description: "Wants brevity"
  examples: ["keep it short"]
  threshold: 0.7
}

SIGNAL language zh {
  description: "Chinese"
  threshold: 0.5
}

SIGNAL context long_context {
  min_tokens: "8000"
  max_tokens: "256K"
}

SIGNAL structure numbered {
  description: "Numbered \\"1.\\" items"
  feature: { source: { pattern: "(?m)^\\\\s*\\\\d+\\\\.", type: "regex" }, type: "exists" }
}

SIGNAL conversation long_chat {
  feature: { source: { role: "user", type: "message" }, type: "count" }
  predicate: { gte: 6 }
}

SIGNAL complexity code_task {
  threshold: 0.12
  description: "Coding difficulty"
  composer: { operator: "OR", conditions: [{ type: "domain", name: "computer science" }, { operator: "NOT", conditions: [{ type: "keyword", name: "simple" }] }] }
  hard: { candidates: ["design a system"], image_candidates: ["diagram"] }
  easy: { candidates: ["fix a typo"] }
}

SIGNAL modality image {
  description: "Image requests"
}

SIGNAL authz admins {
  role: "admin"
  subjects: [{ kind: "Group", name: "ops" }, { kind: "User", name: "alice" }]
}

SIGNAL jailbreak jb {
  method: "classifier"
  threshold: 0.45
  include_history: true
  description: "Jailbreak"
}

SIGNAL pii pii_strict {
  threshold: 0.85
  pii_types_allowed: ["EMAIL"]
  description: "PII"
}

SIGNAL kb policy {
  kb: "privacy_kb"
  target: { kind: "group", value: "privacy" }
  match: "best"
}

SIGNAL event outage {
  event_types: ["incident"]
  severities: ["critical"]
  temporal: true
}

SIGNAL metadata tenant_a {
  key: "tenant"
  equals: "a"
}

SIGNAL classifier intent {
  description: "Intent classifier"
  type: "local"
  model: "intent-mini"
  labels: ["billing", "other"]
  zz_extra: "kept"
}

`;

describe('SIGNAL blocks', () => {
  it('prints every signal type in the fixed type order with each type’s field order', () => {
    expect(signalsSection(decompileYaml(ALL_TYPES))).toBe(EXPECTED_SIGNALS);
  });

  it('has a print order and a field table for every signal type', () => {
    expect([...SIGNAL_PRINT_ORDER].sort()).toEqual([...SIGNAL_TYPES].sort());
    for (const type of SIGNAL_TYPES) expect(SIGNAL_FIELDS[type].length).toBeGreaterThan(0);
  });

  it('keeps YAML order within a type', () => {
    const out = decompileYaml(`
routing:
  signals:
    language:
      - { name: zh }
      - { name: en }
      - { name: fr }
`);
    expect(out.indexOf('SIGNAL language zh')).toBeLessThan(out.indexOf('SIGNAL language en'));
    expect(out.indexOf('SIGNAL language en')).toBeLessThan(out.indexOf('SIGNAL language fr'));
  });

  it('leaves out empty and zero fields, and unknown keys of typed signals', () => {
    const out = decompileYaml(`
routing:
  signals:
    keywords:
      - name: k
        keywords: [a]
        operator: ''
        case_sensitive: false
        fuzzy_threshold: 0
        not_a_field: 1
`);
    expect(out).toContain('SIGNAL keyword k {\n  keywords: ["a"]\n}\n');
  });

  it('prints an empty block for a rule with nothing but its name', () => {
    expect(decompileYaml('routing: { signals: { fact_check: [{ name: f }] } }')).toContain(
      'SIGNAL fact_check f {\n}\n',
    );
  });
});

describe('PROJECTION blocks', () => {
  const out = decompileYaml(`
routing:
  signals:
    keywords: [{ name: hard_words, keywords: [prove] }]
  projections:
    mappings:
      - name: difficulty_band
        outputs:
          - { lt: 0.5, name: easy }
          - { name: medium, lte: 0.8, gte: 0.5 }
          - { name: zero_floor, gt: 0 }
        calibration: { slope: 10.0, method: sigmoid_distance }
        method: threshold_bands
        source: difficulty
    scores:
      - name: difficulty
        inputs:
          - { name: hard_words, weight: 0.6, type: keyword, value_source: confidence, match: 1, miss: 0 }
          - { weight: 1.0, value_source: score, metric: private_vs_public, kb: privacy_kb, type: kb_metric }
          - { type: context, name: long_context, weight: 0 }
        method: weighted_sum
    partitions:
      - name: topics
        default: other
        members: [math, other]
        temperature: 0.1
        semantics: softmax_exclusive
`);

  it('prints partitions, then scores, then mappings, after the signals', () => {
    const partition = out.indexOf('PROJECTION partition topics');
    expect(out.indexOf('SIGNAL keyword hard_words')).toBeLessThan(partition);
    expect(partition).toBeLessThan(out.indexOf('PROJECTION score difficulty'));
    expect(out.indexOf('PROJECTION score difficulty')).toBeLessThan(
      out.indexOf('PROJECTION mapping difficulty_band'),
    );
  });

  it('prints each kind’s fields and inline objects in their fixed order', () => {
    expect(out).toContain(`PROJECTION partition topics {
  semantics: "softmax_exclusive"
  temperature: 0.1
  members: ["math", "other"]
  default: "other"
}
`);
    expect(out).toContain(`PROJECTION score difficulty {
  method: "weighted_sum"
  inputs: [{ type: "keyword", weight: 0.6, name: "hard_words", value_source: "confidence", match: 1 }, { type: "kb_metric", weight: 1, kb: "privacy_kb", metric: "private_vs_public", value_source: "score" }, { type: "context", weight: 0, name: "long_context" }]
}
`);
    expect(out).toContain(`PROJECTION mapping difficulty_band {
  source: "difficulty"
  method: "threshold_bands"
  calibration: { method: "sigmoid_distance", slope: 10 }
  outputs: [{ name: "easy", lt: 0.5 }, { name: "medium", gte: 0.5, lte: 0.8 }, { name: "zero_floor", gt: 0 }]
}
`);
  });
});
