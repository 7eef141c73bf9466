import { Network } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function TopologyPage() {
  return (
    <>
      <PageHeader
        title="Topology"
        subtitle="Signals → projections → decisions → models, as one graph."
      />
      <EmptyState icon={Network} title="Nothing to draw yet">
        <p>Test a prompt to light up the path it takes through the policy.</p>
        <p className="muted">The graph is drawn from the loaded routing profile; none is loaded.</p>
      </EmptyState>
    </>
  );
}
