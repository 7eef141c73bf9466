import type { LaneCheck } from '../lanes/lane-connect';
import type { Lane } from '../lanes/lane-registry';

// How `homelane lanes list` and `check` print for people.

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatLaneList(lanes: readonly Lane[]): string {
  if (lanes.length === 0) {
    return 'No lanes. Give a policy with --config, add a LAN endpoint with "homelane lanes add URL", or start the managed lane with "homelane lanes up vllm --config FILE".\n';
  }
  const rows = [['LANE', 'ALIAS', 'LOCALITY', 'FROM', 'MODEL', 'ENDPOINT']];
  for (const lane of lanes) {
    rows.push([
      lane.id,
      lane.alias,
      `${lane.locality} (${lane.localitySource})`,
      lane.source ? `${lane.origin}:${lane.source}` : lane.origin,
      lane.upstreamModelId,
      lane.baseUrl ?? `unroutable: ${lane.unroutable ?? 'no endpoint'}`,
    ]);
  }
  return `${table(rows)}\n`;
}

export function formatLaneChecks(checks: readonly LaneCheck[]): string {
  const rows = [['LANE', 'STATUS', 'LATENCY', 'DETAIL']];
  for (const check of checks) {
    const detail = check.ok
      ? check.serves_model === false
        ? `answers, but does not list the model it is sent (it lists ${check.models?.slice(0, 4).join(', ') || 'nothing'})`
        : `serves ${check.models?.length ?? 0} model(s)`
      : `${check.code ?? 'error'}: ${check.error ?? ''}`;
    rows.push([check.lane_id, check.ok ? 'ok' : 'FAILED', `${check.latency_ms} ms`, detail]);
  }
  return `${table(rows)}\n`;
}
