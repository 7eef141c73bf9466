import { describe, expect, it } from 'vitest';
import { dslSymbols } from '../../../src-main/core/dsl/symbols';
import { parseDsl } from '../../../src-main/core/dsl/syntax/parser';

// The names an editor offers for completion, read from the syntax tree.

const SOURCE = `
SIGNAL keyword urgent { operator: "OR", keywords: ["asap"] }
SIGNAL domain "computer science" { description: "cs" }
SIGNAL keyword urgent { keywords: ["again"] }

PROJECTION score pressure { inputs: [{ type: "keyword", name: "urgent", weight: 1 }] }
PROJECTION mapping band {
  source: "pressure"
  outputs: [{ name: "band_low", lt: 0.5 }, { name: band_high, gte: 0.5 }, "not an object"]
}
PROJECTION partition topics { members: ["computer science"], default: "computer science" }

MODEL "qwen2.5:3b" { description: "small" }
PLUGIN short_answers system_prompt { prompt: "be brief" }

ROUTE fast {
  PRIORITY 10
  WHEN keyword("urgent")
  MODEL "qwen2.5:3b", cloud/big
  PLUGIN short_answers
}
ROUTE pick {
  FOR c IN ["lan/mid", "cloud/big"] { MODEL c }
}

RECIPE work {
  SIGNAL embedding code_request { threshold: 0.8, candidates: ["debug this"] }
  PLUGIN redact header_mutation { delete: ["x-user"] }
  DECISION_TREE triage {
    IF embedding("code_request") { NAME code_route MODEL local/coder }
    ELSE { MODEL local/small }
  }
}
`;

describe('dslSymbols', () => {
  const parsed = parseDsl(SOURCE, 'symbols.dsl');

  it('parses the sample without errors (so the lists below are the whole story)', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  const symbols = dslSymbols(parsed.program);

  it('lists each signal once with its type, recipe signals included', () => {
    expect(symbols.signals).toEqual([
      { type: 'keyword', name: 'urgent' },
      { type: 'domain', name: 'computer science' },
      { type: 'embedding', name: 'code_request' },
    ]);
  });

  it('takes projection outputs from mapping outputs only (not scores or partitions)', () => {
    expect(symbols.projectionOutputs).toEqual(['band_low', 'band_high']);
  });

  it('lists declared models first, then models routes name without a card', () => {
    expect(symbols.models).toEqual([
      'qwen2.5:3b',
      'cloud/big',
      'lan/mid',
      'local/coder',
      'local/small',
    ]);
  });

  it('lists plugin templates, not plugin references', () => {
    expect(symbols.plugins).toEqual(['short_answers', 'redact']);
  });

  it('lists routes and the routes decision tree branches become', () => {
    expect(symbols.routes).toEqual(['fast', 'pick', 'code_route', 'triage__branch_02']);
  });

  it('still lists what a broken file declares', () => {
    const broken = parseDsl('SIGNAL keyword a { keywords: ["x"] }\nROUTE r {\n  PRIORITY x\n}\n');
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    const found = dslSymbols(broken.program);
    expect(found.signals).toEqual([{ type: 'keyword', name: 'a' }]);
  });
});
