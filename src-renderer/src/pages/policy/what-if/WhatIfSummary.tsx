import type { PolicyWhatIf } from '../../../../../src-main/contract';
import { plural } from '../policy-format';
import { digitsFor, money, savings } from './what-if-format';

// The what-if in a row of cards: how many requests were looked at and
// changed, what would newly leave the machine, the private requests that
// would (zero, green, is the promise; anything else is shown loudly), and
// what it would cost.

interface CardProps {
  label: string;
  value: string;
  note?: string;
  tone?: 'ok' | 'alarm' | 'warn';
  wide?: boolean;
  testId?: string;
}

function Card({ label, value, note, tone, wide, testId }: CardProps) {
  return (
    <div
      className={`whatif-card${tone ? ` whatif-card--${tone}` : ''}${wide ? ' whatif-card--wide' : ''}`}
      data-testid={testId}
      role="group"
      aria-label={label}
    >
      <span className="whatif-card__label">{label}</span>
      <span className="whatif-card__value">{value}</span>
      {note ? <span className="whatif-card__note">{note}</span> : null}
    </div>
  );
}

export function WhatIfSummary({ data }: { data: PolicyWhatIf }) {
  const { cost } = data;
  const digits = digitsFor(cost.before, cost.after);
  const consideredNote = [
    data.skipped > 0 ? `${data.skipped} with nothing to route` : '',
    data.truncated > 0 ? `${data.truncated} cut at capture` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      className="whatif-summary"
      data-testid="whatif-summary"
      data-changed={data.changed}
      data-considered={data.considered}
    >
      <Card
        label="Requests looked at"
        value={String(data.considered)}
        note={consideredNote || `${data.rerouted} routed again`}
      />
      <Card
        label="Would change"
        value={String(data.changed)}
        note={data.changed === 0 ? 'the edit routes them all the same' : undefined}
        tone={data.changed > 0 ? 'warn' : undefined}
      />
      <Card label="Decisions" value={String(data.decisionChanges)} note="change decision" />
      <Card label="Lanes" value={String(data.laneChanges)} note="change lane" />
      <Card
        label="Newly leaving"
        value={String(data.newlyLeaving)}
        note={`${plural(data.offMachine, 'request')} to the cloud in all`}
        tone={data.newlyLeaving > 0 ? 'warn' : undefined}
      />
      <Card
        label="Private off-machine"
        value={String(data.privateOffMachine)}
        note={
          data.privateOffMachine === 0
            ? 'private requests stay on this machine'
            : `${data.privateOffMachine === 1 ? 'a private request' : 'private requests'} would leave this machine`
        }
        tone={data.privateOffMachine === 0 ? 'ok' : 'alarm'}
        testId="whatif-private-off"
      />
      <Card
        label="Cost"
        value={`${money(cost.before, cost.currency, digits)} → ${money(cost.after, cost.currency, digits)}`}
        note={`${savings(cost.before, cost.after, cost.currency)}${
          cost.baseline !== null ? ` · baseline ${money(cost.baseline, cost.currency)}` : ''
        }`}
        wide
        testId="whatif-cost"
      />
    </div>
  );
}
