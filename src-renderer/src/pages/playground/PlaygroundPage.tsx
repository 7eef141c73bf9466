import { FlaskConical } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function PlaygroundPage() {
  return (
    <>
      <PageHeader
        title="Playground"
        subtitle="Route a prompt or a conversation without generating a reply."
      />
      <EmptyState icon={FlaskConical} title="Nothing routed yet">
        <p>
          See which signals matched, how the projections scored, which decision won and where the
          request would go. Load a probe file to check a policy variant by variant.
        </p>
        <p className="muted">The playground needs a routing profile; none is loaded.</p>
      </EmptyState>
    </>
  );
}
