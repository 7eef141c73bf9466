import type { RoutingTrace } from '../router/trace';

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** A routing trace for people: what won, where it goes, and why. */
export function formatTrace(trace: RoutingTrace): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${label.padEnd(12)}${value}`);
  if (trace.decision) {
    row(
      'decision',
      `${trace.decision} (tier ${trace.decision_tier}, priority ${trace.decision_priority}, confidence ${round(trace.decision_confidence ?? 0)})`,
    );
  } else {
    row(
      'decision',
      trace.route_kind === 'passthrough'
        ? '(passthrough: a concrete model was requested)'
        : '(none matched)',
    );
  }
  const reasoning = trace.reasoning.enabled
    ? `reasoning on${trace.reasoning.effort ? `, effort ${trace.reasoning.effort}` : ''}`
    : 'reasoning off';
  const upstream =
    trace.upstream_model && trace.upstream_model !== trace.model
      ? ` → ${trace.upstream_model}`
      : '';
  row('model', `${trace.model ?? '(none)'}${upstream} (${trace.selection.method}, ${reasoning})`);
  if (trace.selection.status !== 'selected')
    row('', `${trace.selection.status}: ${trace.selection.reason}`);
  if (trace.plugins.length > 0) row('plugins', trace.plugins.map((p) => p.type).join(', '));
  if (trace.matched_rules.length > 0) row('because', [...new Set(trace.matched_rules)].join(', '));

  const matched = Object.entries(trace.matched_signals).filter(
    ([type, names]) => type !== 'projection' && names.length > 0,
  );
  if (matched.length === 0) row('signals', '(none matched)');
  matched.forEach(([type, names], index) => {
    const described = names.map((name) => {
      const confidence = trace.signal_confidences[`${type}:${name}`];
      return confidence === undefined ? name : `${name} (${round(confidence)})`;
    });
    row(index === 0 ? 'signals' : '', `${type}: ${described.join(', ')}`);
  });
  const outputs = trace.matched_signals['projection'] ?? [];
  if (trace.projections.scores.length > 0) {
    const scores = trace.projections.scores.map((s) => `${s.name}=${round(s.total)}`).join(', ');
    row('scores', scores);
    row('projections', outputs.length > 0 ? outputs.join(', ') : '(no output)');
  }
  if (trace.token_count !== null) row('tokens', String(trace.token_count));
  if (trace.unavailable_signals.length > 0) {
    row(
      'unavailable',
      `${trace.unavailable_signals.map((u) => u.type).join(', ')} — no routing model installed (lite mode)`,
    );
  }
  const errors = Object.entries(trace.signal_errors);
  if (errors.length > 0)
    row('errors', errors.map(([key, message]) => `${key}: ${message}`).join('; '));
  row('latency', `${round(trace.latency_ms)} ms`);
  return `${lines.join('\n')}\n`;
}
