import type { Partition } from '../config/schema/projections';
import type { SignalState } from '../router/signal-state';
import { signalKey } from '../signals/signal-types';
import type { PartitionContender, PartitionResolution } from './trace';

/**
 * Exclusive partitions over domain or embedding matches (reference §3.1):
 * at most one member survives; with none matched, the default is added to
 * the matched list (without a confidence entry, so readers see 1.0).
 */
export function applyPartitions(
  partitions: readonly Partition[],
  declared: { domain: ReadonlySet<string>; embedding: ReadonlySet<string> },
  state: SignalState,
): PartitionResolution[] {
  const resolutions: PartitionResolution[] = [];
  for (const partition of partitions) {
    for (const type of ['domain', 'embedding'] as const) {
      const members = partition.members.filter((m) => declared[type].has(m));
      if (members.length < 2) continue;
      resolutions.push(resolve(partition, type, new Set(members), state));
    }
  }
  return resolutions;
}

function resolve(
  partition: Partition,
  type: 'domain' | 'embedding',
  members: ReadonlySet<string>,
  state: SignalState,
): PartitionResolution {
  const semantics = partition.semantics ?? 'exclusive';
  const base: PartitionResolution = {
    group_name: partition.name,
    signal_type: type,
    semantics,
    ...(partition.temperature !== undefined ? { temperature: partition.temperature } : {}),
    contenders: [],
    default_used: false,
  };
  // Homelane: a family without its model says nothing; synthesising the
  // partition default would invent a match, so the partition is left alone.
  if (state.unavailable.has(type)) return { ...base, skipped_unavailable: true };

  const matched = state.matched.get(type) ?? [];
  const contenders = matched.filter(
    (name) => members.has(name) && state.confidences.has(signalKey(type, name)),
  );
  if (contenders.length === 0) {
    const fallback = partition.default;
    if (fallback !== undefined && !matched.includes(fallback))
      state.matched.set(type, [...matched, fallback]);
    return {
      ...base,
      default_used: fallback !== undefined && !matched.includes(fallback),
      ...(fallback ? { winner: fallback } : {}),
    };
  }
  const raw = contenders.map((name) => state.confidences.get(signalKey(type, name)) ?? 0);
  let winnerIndex = 0;
  raw.forEach((score, i) => {
    if (score > (raw[winnerIndex] ?? -Infinity)) winnerIndex = i;
  });
  const winner = contenders[winnerIndex] as string;
  const rawWinner = raw[winnerIndex] as number;
  const normalized =
    semantics === 'softmax_exclusive' ? softmax(raw, partition.temperature ?? 1) : raw;
  const winnerScore = normalized[winnerIndex] as number;
  const traced: PartitionContender[] = contenders.map((name, i) => ({
    name,
    raw_score: raw[i] as number,
    ...(semantics === 'softmax_exclusive' ? { normalized_score: normalized[i] as number } : {}),
  }));
  if (contenders.length >= 2) {
    state.matched.set(
      type,
      matched.filter((name) => !members.has(name) || name === winner),
    );
    for (const name of contenders)
      if (name !== winner) state.confidences.delete(signalKey(type, name));
    state.confidences.set(signalKey(type, winner), winnerScore);
  }
  const sorted = [...normalized].sort((a, b) => b - a);
  return {
    ...base,
    contenders: traced,
    winner,
    winner_score: winnerScore,
    raw_winner_score: rawWinner,
    margin: (sorted[0] ?? 0) - (sorted[1] ?? 0),
  };
}

export function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
