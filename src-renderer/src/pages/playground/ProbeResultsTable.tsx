import { CircleCheck, CircleX } from 'lucide-react';
import type { ProbeVariantResult } from '../../../../src-main/contract';

// One row per variant: pass or fail, the expected and the actual decision,
// and what failed (with the model signals it waits on, where that is why).

export function ProbeResultsTable({
  results,
  failuresOnly,
}: {
  results: ProbeVariantResult[];
  failuresOnly: boolean;
}) {
  const shown = failuresOnly ? results.filter((result) => !result.passed) : results;
  return (
    <table className="table playground-probes" data-testid="playground-probes-results">
      <thead>
        <tr>
          <th scope="col">Result</th>
          <th scope="col">Variant</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Why it failed</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((result) => (
          <tr key={result.id} data-passed={result.passed}>
            <td className="table__nowrap">
              {result.passed ? (
                <span className="playground-result playground-result--pass">
                  <CircleCheck size={14} aria-hidden="true" /> pass
                </span>
              ) : (
                <span className="playground-result playground-result--fail">
                  <CircleX size={14} aria-hidden="true" /> fail
                </span>
              )}
            </td>
            <td>
              <div className="table__primary">{result.variant || result.id}</div>
              <div className="table__secondary">{result.group}</div>
            </td>
            <td>{result.expectedDecision}</td>
            <td>
              <div>{result.decision ?? 'none'}</div>
              {result.model ? <div className="table__secondary">{result.model}</div> : null}
            </td>
            <td className="playground-probes__why">
              {result.failures.join('; ')}
              {result.waitingOnModels.length > 0 ? (
                <div className="muted">
                  waiting on model signals: {result.waitingOnModels.join(', ')}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
