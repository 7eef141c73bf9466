import { FileCode2 } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function PolicyPage() {
  return (
    <>
      <PageHeader
        title="Policy editor"
        subtitle="The routing policy as DSL and YAML, side by side."
      />
      <EmptyState icon={FileCode2} title="No policy loaded">
        <p>
          Edit with live diagnostics, compile and decompile, compare against the active profile,
          then apply or roll back.
        </p>
      </EmptyState>
    </>
  );
}
