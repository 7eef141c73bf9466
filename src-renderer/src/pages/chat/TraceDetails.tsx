import { Check, Minus } from 'lucide-react';
import type { RoutingRecordView } from '../../../../src-main/contract';
import { formatDuration } from './chat-format';
import { numberAt, objectsAt, percent, stringAt } from './trace-read';

// The rest of a reply's trace: every lane tried, the signals that matched,
// each decision considered, and the record itself as JSON.

export function TraceDetails({ record }: { record: RoutingRecordView }) {
  const decisions = objectsAt(record.trace, 'decisions');
  const unavailable = objectsAt(record.trace, 'unavailable_signals');
  const signals = Object.entries(record.signals).filter(([, names]) => names.length > 0);
  return (
    <>
      <section className="trace-section">
        <h3>Lanes tried</h3>
        {record.fallback_chain.length === 0 ? (
          <p className="muted">No lane was tried.</p>
        ) : (
          <ol className="trace-lanes" data-testid="trace-lanes">
            {record.fallback_chain.map((attempt, index) => (
              <li key={index} data-outcome={attempt.outcome}>
                <span className="trace-lanes__lane">{attempt.lane_id}</span>
                <span className="trace-lanes__outcome">{attempt.outcome.replaceAll('_', ' ')}</span>
                <span className="muted">
                  {[
                    attempt.source.replaceAll('_', ' '),
                    attempt.code,
                    formatDuration(attempt.latency_ms),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {attempt.reason ? (
                  <span className="trace-lanes__reason">{attempt.reason}</span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="trace-section">
        <h3>Signals</h3>
        {signals.length === 0 ? (
          <p className="muted">No signal matched.</p>
        ) : (
          <ul className="trace-list">
            {signals.map(([type, names]) => (
              <li key={type}>
                <code>{type}</code> {names.join(', ')}
              </li>
            ))}
          </ul>
        )}
        {unavailable.length > 0 ? (
          <p className="muted">
            Not evaluated here:{' '}
            {unavailable
              .map((item) => `${stringAt(item, 'type')} (${stringAt(item, 'reason')})`)
              .join('; ')}
          </p>
        ) : null}
      </section>
      {decisions.length > 0 ? (
        <section className="trace-section">
          <h3>Decisions considered</h3>
          <ul className="trace-decisions">
            {decisions.map((decision, index) => {
              const matched = decision['matched'] === true;
              return (
                <li key={index} className={matched ? 'is-matched' : undefined}>
                  {matched ? (
                    <Check size={13} aria-label="matched" />
                  ) : (
                    <Minus size={13} aria-label="not matched" />
                  )}
                  <span>{stringAt(decision, 'name')}</span>
                  <span className="muted">{percent(numberAt(decision, 'confidence'))}</span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <details className="trace-section trace-raw">
        <summary>The routing trace as JSON</summary>
        <pre>{JSON.stringify(record.trace, null, 2)}</pre>
      </details>
    </>
  );
}
