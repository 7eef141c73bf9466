import { History } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ReplayPage() {
  return (
    <>
      <PageHeader
        title="Replay"
        subtitle="Every routing decision, stored on this machine for review."
      />
      <EmptyState icon={History} title="No routing records yet">
        <p>
          Each routed request keeps its full trace: signals, decision, model, lane, timings and cost
          — searchable and exportable, offline.
        </p>
      </EmptyState>
    </>
  );
}
