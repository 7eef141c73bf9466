import type { PlaygroundRoute } from '../../../../src-main/contract';
import { formatDuration } from '../chat/chat-format';
import { Facts } from '../chat/Facts';
import { numberAt, objectAt, percent, stringAt, stringsAt } from '../chat/trace-read';
import '../chat/chat-trace.css';
import { DecisionsTable } from './DecisionsTable';
import { LaneVerdict } from './LaneVerdict';
import { ProjectionsView, SignalsView } from './SignalsAndProjections';
import { decisionRows } from './trace-view';

// The routing trace as a readable card: the decision and the alias, where
// the request would go and whether it is private, every decision with why
// it won or lost, the signals and the projections, and the raw trace.

export function TraceCard({ answer }: { answer: PlaygroundRoute }) {
  const trace = answer.trace;
  const decision = stringAt(trace, 'decision');
  const selection = objectAt(trace, 'selection');
  const reasoning = objectAt(trace, 'reasoning');
  const matched = [...new Set(stringsAt(trace, 'matched_rules'))];
  const tier = numberAt(trace, 'decision_tier');
  return (
    <article
      className="card playground-trace"
      data-testid="playground-trace"
      aria-label="Routing trace"
    >
      <header className="playground-trace__head">
        <div>
          <div className="playground-trace__label">Decision</div>
          <h2 className="playground-trace__decision" data-testid="playground-decision">
            {decision ?? 'none matched'}
          </h2>
        </div>
        <div className="playground-trace__alias">
          <div className="playground-trace__label">Model alias</div>
          <code>{stringAt(trace, 'model') ?? '—'}</code>
        </div>
      </header>
      <section className="trace-section">
        <Facts
          rows={[
            ['Confidence', percent(numberAt(trace, 'decision_confidence'))],
            [
              'Tier · priority',
              tier !== null ? `${tier} · ${numberAt(trace, 'decision_priority') ?? '—'}` : null,
            ],
            ['Matched rules', matched.length > 0 ? matched.join(', ') : null],
            ['Asked for', stringAt(trace, 'requested_model')],
            ['Sent upstream as', stringAt(trace, 'upstream_model')],
            [
              'Selection',
              selection
                ? `${stringAt(selection, 'method') ?? ''} — ${stringAt(selection, 'reason') ?? ''}`
                : null,
            ],
            [
              'Reasoning',
              reasoning?.['enabled'] === true
                ? `on${stringAt(reasoning, 'effort') ? ` (${stringAt(reasoning, 'effort')})` : ''}`
                : 'off',
            ],
            ['Profile', stringAt(trace, 'recipe')],
            ['Routing took', formatDuration(numberAt(trace, 'latency_ms'))],
          ]}
        />
      </section>
      <section className="trace-section">
        <h3>Lane and privacy</h3>
        <LaneVerdict answer={answer} />
      </section>
      <section className="trace-section">
        <h3>Decisions</h3>
        <DecisionsTable rows={decisionRows(trace)} />
      </section>
      <section className="trace-section">
        <h3>Signals</h3>
        <SignalsView trace={trace} />
      </section>
      <section className="trace-section">
        <h3>Projections</h3>
        <ProjectionsView trace={trace} />
      </section>
      <details className="trace-section trace-raw">
        <summary>The routing trace as JSON</summary>
        <pre>{JSON.stringify(trace, null, 2)}</pre>
      </details>
    </article>
  );
}
