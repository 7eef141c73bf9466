import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { editedProblems } from './policy-problems';
import { usePolicyStore } from './policy-store';

const SHOWN = 50;

/** Every problem of the edited side, located; the editor marks the same ones in place. */
export function ProblemList() {
  const { diagnostics, convertError } = usePolicyStore(useShallow(editedProblems));
  const side = usePolicyStore((s) => (s.source === 'dsl' ? 'DSL' : 'YAML'));
  const reveal = usePolicyStore((s) => s.revealLine);
  if (convertError) {
    return (
      <p className="policy-problems__unavailable" role="alert" data-testid="policy-problems">
        <CircleAlert size={14} aria-hidden="true" /> The {side} could not be checked as a whole
        policy: {convertError.message}
      </p>
    );
  }
  if (!diagnostics || diagnostics.length === 0) return null;
  return (
    <section className="policy-problems" aria-label="Problems" data-testid="policy-problems">
      <ul>
        {diagnostics.slice(0, SHOWN).map((d, index) => {
          const warning = d.severity === 'warning';
          const Icon = warning ? TriangleAlert : CircleAlert;
          return (
            <li
              key={`${d.line}:${d.column}:${d.code}:${index}`}
              className={warning ? 'policy-problem is-warning' : 'policy-problem is-error'}
              data-line={d.line}
            >
              <Icon size={14} aria-hidden="true" />
              <button
                type="button"
                className="policy-problem__where"
                title="Show this line in the editor"
                onClick={() => reveal(d.line)}
              >
                {side} {d.line}:{d.column}
              </button>
              <span className="policy-problem__message">{d.message}</span>
              <code className="policy-problem__code">{d.code}</code>
            </li>
          );
        })}
      </ul>
      {diagnostics.length > SHOWN ? (
        <p className="muted">and {diagnostics.length - SHOWN} more.</p>
      ) : null}
    </section>
  );
}
