import type { RoutingRecordView } from '../../../../src-main/contract';
import { formatCost, formatDuration } from './chat-format';
import { Facts } from './Facts';
import { LocalityChip } from './LocalityChip';
import { numberAt, objectAt, percent, stringAt, stringsAt } from './trace-read';

// The top of a reply's trace: why the decision won, which model and lane
// answered, privacy, and time, tokens and cost.

const STATE_LABEL: Record<RoutingRecordView['lifecycle_state'], string> = {
  in_progress: 'still answering',
  completed: 'answered',
  failed: 'failed',
  aborted: 'stopped',
};

export function TraceSummary({ record }: { record: RoutingRecordView }) {
  const trace = record.trace;
  const selection = objectAt(trace, 'selection');
  const matched = stringsAt(trace, 'matched_rules');
  const tokens =
    record.prompt_tokens !== null || record.completion_tokens !== null
      ? `${record.prompt_tokens ?? '—'} in · ${record.completion_tokens ?? '—'} out`
      : null;
  const baseline =
    record.baseline_cost !== null
      ? `${formatCost(record.baseline_cost, record.currency)}${record.baseline_model ? ` on ${record.baseline_model}` : ''}`
      : null;
  return (
    <>
      <section className="trace-section">
        <h3>Decision</h3>
        <Facts
          rows={[
            ['Decision', record.decision ?? 'none matched'],
            ['Confidence', percent(record.confidence)],
            [
              'Tier · priority',
              record.decision_tier !== null
                ? `${record.decision_tier} · ${record.decision_priority ?? '—'}`
                : null,
            ],
            ['Matched rules', matched.length > 0 ? matched.join(', ') : null],
            ['Algorithm', stringAt(trace, 'algorithm')],
            [
              'Selection',
              selection
                ? `${stringAt(selection, 'method') ?? ''} — ${stringAt(selection, 'reason') ?? ''}`
                : null,
            ],
            ['Profile', record.recipe],
            ['Routing took', formatDuration(numberAt(trace, 'latency_ms'))],
          ]}
        />
      </section>
      <section className="trace-section">
        <h3>Model and lane</h3>
        <Facts
          rows={[
            ['Asked for', record.original_model],
            ['Alias chosen', record.selected_model],
            ['Sent upstream as', record.upstream_model],
            ['Lane', record.lane_id],
            ['Where', record.locality ? <LocalityChip locality={record.locality} /> : null],
            ['Reasoning', record.reasoning_mode === 'on' ? 'on' : 'off'],
            [
              'Outcome',
              `${STATE_LABEL[record.lifecycle_state]}${record.terminal_reason ? ` (${record.terminal_reason})` : ''}`,
            ],
          ]}
        />
      </section>
      <section className="trace-section">
        <h3>Privacy</h3>
        <p className="trace-lead">
          {record.private
            ? 'Private: only local and LAN lanes may answer it.'
            : 'Not private: any lane the policy and your cloud setting allow may answer it.'}
        </p>
        {record.privacy_reasons.length > 0 ? (
          <ul className="trace-list">
            {record.privacy_reasons.map((reason, index) => (
              <li key={index}>
                <code>{reason.kind}</code> {reason.detail}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="trace-section">
        <h3>Time, tokens and cost</h3>
        <Facts
          rows={[
            ['Routing', formatDuration(record.routing_ms)],
            ['First token', formatDuration(record.ttft_ms)],
            ['In all', formatDuration(record.duration_ms)],
            ['Tokens', tokens],
            ['Cost', formatCost(record.actual_cost, record.currency) ?? 'no price for this model'],
            ['Baseline', baseline],
            [
              'Saved',
              record.cost_savings === 0
                ? 'nothing'
                : formatCost(record.cost_savings, record.currency),
            ],
          ]}
        />
      </section>
    </>
  );
}
