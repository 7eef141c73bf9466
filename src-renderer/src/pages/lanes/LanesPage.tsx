import { Server } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { RoutingModelsCard } from './RoutingModelsCard';

export function LanesPage() {
  return (
    <>
      <PageHeader
        title="Lanes & models"
        subtitle="Where a decision's model answers, and the routing models on this machine."
      />
      <div className="stack">
        <EmptyState icon={Server} title="No lanes configured">
          <p>
            A lane is the managed ROCm vLLM container in Docker, an OpenAI-compatible server on your
            network, or a cloud API. Private work only ever goes to the first two.
          </p>
        </EmptyState>
        <RoutingModelsCard />
      </div>
    </>
  );
}
