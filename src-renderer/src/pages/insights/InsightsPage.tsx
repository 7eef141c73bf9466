import { BarChart3 } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function InsightsPage() {
  return (
    <>
      <PageHeader
        title="Insights"
        subtitle="Requests, tokens, cost and savings against the baseline model."
      />
      <EmptyState icon={BarChart3} title="No data yet">
        <p>
          Broken down per decision, model, lane and day, with the requests kept local by policy
          counted on their own.
        </p>
      </EmptyState>
    </>
  );
}
