import type { Json } from '../chat/trace-read';
import { numberAt, objectAt, objectsAt, percent, stringAt, stringsAt } from '../chat/trace-read';

// The routing trace (plain JSON over the contract) read for the Playground's
// trace card: each decision with why it won or lost, the signals that
// matched with their confidences, and the projections' scores and bands.

export interface DecisionRow {
  name: string;
  matched: boolean;
  winner: boolean;
  tier: number | null;
  priority: number | null;
  confidence: number | null;
  /** Why it won, why it lost to the winner, or why it did not match. */
  why: string;
}

export interface SignalRow {
  type: string;
  name: string;
  /** Null where the signal type reports no confidence (a keyword match, say). */
  confidence: number | null;
}

export interface ScoreRow {
  name: string;
  total: number;
  inputs: { label: string; weight: number; value: number; contribution: number }[];
}

export interface MappingRow {
  name: string;
  source: string;
  value: number | null;
  /** The band (output) the score fell into; null when none did. */
  band: string | null;
  confidence: number | null;
  outputs: { name: string; matched: boolean }[];
}

/** The signal types of a rule tree's leaves whose family had no model here. */
function unavailableLeaves(node: Json | null): string[] {
  if (!node) return [];
  const own = node['unavailable'] === true ? [stringAt(node, 'signal_type') ?? '?'] : [];
  return [...own, ...objectsAt(node, 'children').flatMap(unavailableLeaves)];
}

function lostBecause(row: DecisionRow, winner: DecisionRow, tiered: boolean): string {
  const parts: string[] = [];
  if (tiered && row.tier !== winner.tier) {
    parts.push(`tier ${row.tier ?? '—'} comes after tier ${winner.tier ?? '—'}`);
  } else {
    if (
      row.confidence !== null &&
      winner.confidence !== null &&
      row.confidence !== winner.confidence
    )
      parts.push(`confidence ${percent(row.confidence)} vs ${percent(winner.confidence)}`);
    if (row.priority !== winner.priority)
      parts.push(`priority ${row.priority ?? '—'} vs ${winner.priority ?? '—'}`);
    if (parts.length === 0) parts.push('a tie, broken by name');
  }
  return `matched, but lost to ${winner.name}: ${parts.join('; ')}`;
}

export function decisionRows(trace: Json): DecisionRow[] {
  const winnerName = stringAt(trace, 'decision');
  const rows: DecisionRow[] = objectsAt(trace, 'decisions').map((decision) => ({
    name: stringAt(decision, 'name') ?? '(unnamed)',
    matched: decision['matched'] === true,
    winner: false,
    tier: numberAt(decision, 'tier'),
    priority: numberAt(decision, 'priority'),
    confidence: numberAt(decision, 'confidence'),
    why: '',
  }));
  const winner = rows.find((row) => row.matched && row.name === winnerName);
  const tiered = rows.some((row) => row.matched && (row.tier ?? 0) > 0);
  const roots = new Map(
    objectsAt(trace, 'decisions').map((d) => [stringAt(d, 'name'), objectAt(d, 'root')]),
  );
  for (const row of rows) {
    if (row === winner) {
      row.winner = true;
      const others = rows.filter((other) => other.matched && other !== row).length;
      row.why =
        others === 0
          ? 'the only decision that matched'
          : `won over ${others} other match${others === 1 ? '' : 'es'}`;
    } else if (row.matched) {
      row.why = winner ? lostBecause(row, winner, tiered) : 'matched';
    } else {
      const waiting = unavailableLeaves(roots.get(row.name) ?? null);
      row.why =
        waiting.length > 0
          ? `its rules did not match; it reads ${[...new Set(waiting)].sort().join(', ')}, not evaluated here`
          : 'its rules did not match';
    }
  }
  // The winner first, then the other matches, then the rest, each in trace order.
  const rank = (row: DecisionRow) => (row.winner ? 0 : row.matched ? 1 : 2);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

export function signalRows(trace: Json): SignalRow[] {
  const matched = objectAt(trace, 'matched_signals') ?? {};
  const confidences = objectAt(trace, 'signal_confidences');
  return Object.keys(matched)
    .sort()
    .flatMap((type) =>
      stringsAt(matched, type).map((name) => ({
        type,
        name,
        confidence: numberAt(confidences, `${type}:${name}`),
      })),
    );
}

export function scoreRows(trace: Json): ScoreRow[] {
  return objectsAt(objectAt(trace, 'projections'), 'scores').map((score) => ({
    name: stringAt(score, 'name') ?? '(unnamed)',
    total: numberAt(score, 'total') ?? 0,
    inputs: objectsAt(score, 'inputs').map((input) => ({
      label: [stringAt(input, 'type'), stringAt(input, 'name') ?? stringAt(input, 'kb')]
        .filter(Boolean)
        .join(':'),
      weight: numberAt(input, 'weight') ?? 0,
      value: numberAt(input, 'value') ?? 0,
      contribution: numberAt(input, 'contribution') ?? 0,
    })),
  }));
}

export function mappingRows(trace: Json): MappingRow[] {
  return objectsAt(objectAt(trace, 'projections'), 'mappings').map((mapping) => ({
    name: stringAt(mapping, 'mapping_name') ?? '(unnamed)',
    source: stringAt(mapping, 'source_score') ?? '',
    value: numberAt(mapping, 'score_value'),
    band: stringAt(mapping, 'selected_output'),
    confidence: numberAt(mapping, 'confidence'),
    outputs: objectsAt(mapping, 'outputs').map((output) => ({
      name: stringAt(output, 'name') ?? '',
      matched: output['matched'] === true,
    })),
  }));
}
