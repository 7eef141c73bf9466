import { PageHeader } from '../../components/PageHeader';
import { LanesCard } from './LanesCard';
import { RoutingModelsCard } from './RoutingModelsCard';

export function LanesPage() {
  return (
    <>
      <PageHeader
        title="Lanes & models"
        subtitle="Where a decision's model answers, and the routing models on this machine."
      />
      <div className="stack">
        <LanesCard />
        <RoutingModelsCard />
      </div>
    </>
  );
}
