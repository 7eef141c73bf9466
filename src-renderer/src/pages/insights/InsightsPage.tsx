import { BarChart3 } from 'lucide-react';
import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { BreakdownChart } from './BreakdownChart';
import { OverTimeChart } from './OverTimeChart';
import { TotalsCards } from './TotalsCards';
import { RANGES } from './insights-range';
import { useInsightsStore } from './insights-store';
import './insights.css';

function RangePicker() {
  const range = useInsightsStore((s) => s.range);
  const setRange = useInsightsStore((s) => s.setRange);
  return <Segmented label="Time range" options={RANGES} value={range} onChange={setRange} />;
}

function InsightsBody() {
  const state = useInsightsStore((s) => s.state);
  const reload = useInsightsStore((s) => s.reload);
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        Adding up the routing records…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="card card--error" role="alert">
        <h2 className="card__title">The insights could not be read</h2>
        <p>{state.error.message}</p>
        <button type="button" className="lanes-button" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    );
  }
  const { insights } = state;
  if (insights.record_count === 0) {
    return (
      <EmptyState icon={BarChart3} title="No requests in this range">
        <p>
          Routed requests show up here: totals, cost against the baseline model and savings, broken
          down per decision, alias, lane and day. Try a longer range.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="insights-body">
      <TotalsCards insights={insights} />
      <OverTimeChart days={insights.by_day} currency={insights.summary.currency} />
      <div className="insights-grid">
        <BreakdownChart title="Decision" rows={insights.by_decision} />
        <BreakdownChart title="Alias" rows={insights.by_model} />
        <BreakdownChart title="Lane" rows={insights.by_lane} />
      </div>
    </div>
  );
}

export function InsightsPage() {
  const client = useClient();
  const attach = useInsightsStore((s) => s.attach);
  useEffect(() => attach(client), [attach, client]);
  return (
    <>
      <PageHeader
        title="Insights"
        subtitle="Requests, tokens, cost and savings against the baseline model."
        actions={<RangePicker />}
      />
      <InsightsBody />
    </>
  );
}
