import { lazy, Suspense, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { CheckOutcome } from '../../components/dsl-editor/DslEditor';

// CodeMirror is loaded with the page that uses it, not at start.
const DslEditor = lazy(() =>
  import('../../components/dsl-editor/DslEditor').then((m) => ({ default: m.DslEditor })),
);

// For now the page edits a sample policy with live diagnostics from the core;
// loading the active profile as DSL, comparing and applying come later.

const SAMPLE_POLICY = `# A sample routing policy: private work stays on this machine,
# hard questions go to a cloud model, everything else to a small local one.

SIGNAL keyword private_markers {
  operator: "OR"
  keywords: ["internal only", "confidential", "do not upload"]
}

SIGNAL keyword hard_markers {
  operator: "OR"
  keywords: ["step by step", "prove", "trade-offs"]
}

ROUTE private_work (description = "Private work never leaves this machine") {
  PRIORITY 200
  WHEN keyword("private_markers")
  MODEL "local/small"
}

ROUTE hard_questions {
  PRIORITY 100
  WHEN keyword("hard_markers") AND NOT keyword("private_markers")
  MODEL "cloud/big"
}

ROUTE everyday {
  PRIORITY 0
  MODEL "local/small"
}

TEST sample_checks {
  "prove it step by step" -> hard_questions
  "summarise this confidential memo" -> private_work
}
`;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function CheckSummary({ outcome }: { outcome: CheckOutcome | null }) {
  if (!outcome) return <p className="muted">Checking…</p>;
  if (!outcome.ok) {
    return (
      <p className="muted" role="alert" data-testid="policy-diagnostics">
        The policy could not be checked: {outcome.error.message}
      </p>
    );
  }
  const { diagnostics } = outcome.check;
  // As the editor marks them: a constraint counts as an error.
  const errorCount = diagnostics.filter((d) => d.severity !== 'warning').length;
  const warnings = diagnostics.length - errorCount;
  return (
    <p data-testid="policy-diagnostics" data-errors={errorCount} data-total={diagnostics.length}>
      {diagnostics.length === 0 ? (
        <span className="badge badge--installed">No problems</span>
      ) : (
        <>
          {errorCount > 0 ? (
            <span className="badge badge--invalid">{plural(errorCount, 'error')}</span>
          ) : null}{' '}
          {warnings > 0 ? <span className="badge">{plural(warnings, 'warning')}</span> : null}
        </>
      )}
    </p>
  );
}

export function PolicyPage() {
  const [source, setSource] = useState(SAMPLE_POLICY);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  return (
    <>
      <PageHeader
        title="Policy editor"
        subtitle="The routing policy as DSL, checked by the core as you type."
      />
      <div className="stack">
        <p className="muted">
          A sample policy to try the editor on. Loading the active profile, comparing and applying
          come next; nothing here changes how requests are routed.
        </p>
        <Suspense fallback={<div style={{ height: '60vh' }} aria-busy="true" />}>
          <DslEditor value={source} onChange={setSource} onCheck={setOutcome} height="60vh" />
        </Suspense>
        <CheckSummary outcome={outcome} />
      </div>
    </>
  );
}
