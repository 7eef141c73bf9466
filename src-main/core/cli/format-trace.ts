import { ROLE_OF_FAMILY } from '../ml/model-roles';
import type { RoutingTrace } from '../router/trace';
import type { SignalType } from '../signals/signal-types';

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
  row(
    'goes to',
    trace.locality === null
      ? '(no lane may take it)'
      : `a ${trace.locality} lane${trace.private ? ' — the request is private' : ''}`,
  );
  trace.privacy_reasons.forEach((reason, index) =>
    row(index === 0 ? 'privacy' : '', reason.detail),
  );
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
  const served = Object.entries(trace.signals).filter(([, family]) => family.model);
  if (served.length > 0) {
    const models = new Map(
      served.map(([, f]) => [f.model?.id ?? '', f.model?.execution_provider ?? 'cpu']),
    );
    row('models', [...models].map(([id, provider]) => `${id} (${provider})`).join(', '));
  }
  if (trace.unavailable_signals.length > 0) {
    const types = trace.unavailable_signals.map((u) => u.type);
    const roles = [...new Set(types.map((t) => ROLE_OF_FAMILY[t as SignalType]).filter(Boolean))];
    row('unavailable', `${types.join(', ')} — no routing model installed (lite mode)`);
    if (roles.length > 0)
      row('', `these could change the result: homelane models pull ${roles.join(' ')}`);
  }
  const errors = Object.entries(trace.signal_errors);
  if (errors.length > 0)
    row('errors', errors.map(([key, message]) => `${key}: ${message}`).join('; '));
  row('latency', `${round(trace.latency_ms)} ms`);
  return `${lines.join('\n')}\n`;
}
