import { parse, stringify } from 'yaml';

// Mutations of a v0.3 config for the loader's fuzz test. "Breaking"
// mutations always make the config invalid (the loader must reject them
// with located errors); "textual" ones may or may not (the loader must
// simply never crash and locate whatever it reports).

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

const GARBAGE = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '- ',
  '#',
  '&a',
  '*a',
  '!',
  '|',
  '>',
  "'",
  '"',
  '\t',
  '\n',
  '%',
  '@',
  '`',
  '\u0000',
  '\uFFFD',
  '  ',
];

export function textualMutation(text: string, random: Random): { kind: string; text: string } {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 6)) {
    case 0:
      return { kind: 'truncate', text: text.slice(0, Math.floor(random() * text.length)) };
    case 1:
      lines.splice(at, 1);
      return { kind: 'delete-line', text: lines.join('\n') };
    case 2:
      lines.splice(at, 0, lines[at] ?? '');
      return { kind: 'duplicate-line', text: lines.join('\n') };
    case 3: {
      const offset = Math.floor(random() * text.length);
      return {
        kind: 'garbage',
        text: text.slice(0, offset) + (pick(random, GARBAGE) ?? '') + text.slice(offset),
      };
    }
    case 4: {
      const shift = Math.floor(random() * 3) + 1;
      const line = lines[at] ?? '';
      lines[at] =
        random() < 0.5
          ? ' '.repeat(shift) + line
          : line.slice(Math.min(shift, line.length - line.trimStart().length));
      return { kind: 'reindent', text: lines.join('\n') };
    }
    default: {
      const offset = Math.floor(random() * text.length);
      const length = Math.floor(random() * 40);
      return { kind: 'cut-span', text: text.slice(0, offset) + text.slice(offset + length) };
    }
  }
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A structural mutation that upstream's rules reject; null when the config has no place for it. */
const BREAKERS: { kind: string; apply(doc: Doc, random: Random): boolean }[] = [
  {
    kind: 'unknown-model-ref',
    apply: (doc, random) => {
      const decision = pick<Doc>(
        random,
        (doc.routing?.decisions ?? []).filter((d: Doc) => d.modelRefs?.length),
      );
      if (!decision) return false;
      decision.modelRefs[0].model = `no-such-model-${Math.floor(random() * 1000)}`;
      return true;
    },
  },
  {
    kind: 'bad-keyword-operator',
    apply: (doc, random) => {
      const rule = pick(random, doc.routing?.signals?.keywords ?? []) as Doc | undefined;
      if (!rule) return false;
      rule.operator = pick(random, ['or', 'XOR', '', 'and ', 'Nor']);
      return true;
    },
  },
  {
    kind: 'wrong-type',
    apply: (doc, random) => {
      const decision = pick(random, doc.routing?.decisions ?? []) as Doc | undefined;
      if (!decision) return false;
      const field = pick(random, ['priority', 'tier', 'name'] as const) ?? 'priority';
      const wrong: unknown[] =
        field === 'name' ? [42, ['a list'], { a: 1 }] : ['high', ['a list'], { a: 1 }, true];
      decision[field] = pick(random, wrong);
      return true;
    },
  },
  {
    kind: 'missing-required',
    apply: (doc, random) => {
      const target = pick(random, [
        ...(doc.routing?.decisions ?? []).map((d: Doc) => [d, 'name']),
        ...(doc.routing?.signals?.keywords ?? []).map((k: Doc) => [k, 'keywords']),
        ...(doc.routing?.projections?.mappings ?? []).map((m: Doc) => [m, 'source']),
      ]) as [Doc, string] | undefined;
      if (!target) return false;
      delete target[0][target[1]];
      return true;
    },
  },
  {
    kind: 'dangling-mapping-source',
    apply: (doc, random) => {
      const mapping = pick(random, doc.routing?.projections?.mappings ?? []) as Doc | undefined;
      if (!mapping) return false;
      mapping.source = `${mapping.source}_typo`;
      return true;
    },
  },
  {
    kind: 'partition-default-not-member',
    apply: (doc, random) => {
      const partition = pick(random, doc.routing?.projections?.partitions ?? []) as Doc | undefined;
      if (!partition) return false;
      partition.default = 'not_a_member';
      return true;
    },
  },
  {
    kind: 'output-without-bounds',
    apply: (doc, random) => {
      const mapping = pick(random, doc.routing?.projections?.mappings ?? []) as Doc | undefined;
      if (!mapping?.outputs?.length) return false;
      mapping.outputs[0] = { name: mapping.outputs[0].name };
      return true;
    },
  },
  {
    kind: 'duplicate-decision',
    apply: (doc, random) => {
      const decision = pick(random, doc.routing?.decisions ?? []);
      if (!decision) return false;
      doc.routing.decisions.push(structuredClone(decision));
      return true;
    },
  },
  {
    kind: 'negative-tier',
    apply: (doc, random) => {
      const decision = pick(random, doc.routing?.decisions ?? []) as Doc | undefined;
      if (!decision) return false;
      decision.tier = -1 - Math.floor(random() * 5);
      return true;
    },
  },
  {
    kind: 'unknown-leaf-type',
    apply: (doc, random) => {
      const decision = pick(random, doc.routing?.decisions ?? []) as Doc | undefined;
      if (!decision) return false;
      decision.rules = {
        operator: 'AND',
        conditions: [decision.rules ?? {}, { type: 'telepathy', name: 'x' }],
      };
      return true;
    },
  },
];

export function breakingMutation(text: string, random: Random): { kind: string; text: string } {
  const doc = parse(text) as Doc;
  for (let attempt = 0; attempt < 20; attempt++) {
    const breaker = pick(random, BREAKERS);
    if (breaker && breaker.apply(doc, random)) return { kind: breaker.kind, text: stringify(doc) };
  }
  throw new Error('no breaking mutation applies to this config');
}
