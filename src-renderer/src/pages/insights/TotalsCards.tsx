import type { Insights } from '../../../../src-main/contract';
import { formatCount, formatMoney, formatShare } from './insights-format';

// The headline numbers over the chosen range.

function Total({
  label,
  value,
  note,
  id,
}: {
  label: string;
  value: string;
  note?: string;
  id: string;
}) {
  return (
    <div className="insights-total" data-testid={`total-${id}`}>
      <span className="insights-total__label">{label}</span>
      <span className="insights-total__value">{value}</span>
      {note ? <span className="insights-total__note">{note}</span> : null}
    </div>
  );
}

export function TotalsCards({ insights }: { insights: Insights }) {
  const { summary, token_volume: tokens, privacy, lifecycle } = insights;
  const money = (value: number) => formatMoney(value, summary.currency);
  return (
    <section className="insights-totals" aria-label="Totals">
      <Total
        id="requests"
        label="Requests"
        value={formatCount(insights.record_count)}
        note={`${formatCount(lifecycle.completed)} completed · ${formatCount(lifecycle.failed)} failed`}
      />
      <Total
        id="tokens"
        label="Tokens"
        value={formatCount(tokens.total_tokens)}
        note={`${formatCount(tokens.input_tokens)} in · ${formatCount(tokens.output_tokens)} out`}
      />
      <Total
        id="cost"
        label="Cost"
        value={money(summary.actual_spend)}
        note={`${formatCount(summary.cost_record_count)} priced · ${formatCount(summary.excluded_record_count)} left out`}
      />
      <Total id="baseline" label="Baseline cost" value={money(summary.baseline_spend)} />
      <Total
        id="savings"
        label="Savings"
        value={money(summary.total_saved)}
        note={`${formatShare(summary.total_saved, summary.baseline_spend)} of the baseline`}
      />
      <Total
        id="kept-local"
        label="Kept local"
        value={formatShare(privacy.kept_local, insights.record_count)}
        note={`${formatCount(privacy.kept_local)} on local or LAN lanes · ${formatCount(privacy.private_requests)} private`}
      />
    </section>
  );
}
