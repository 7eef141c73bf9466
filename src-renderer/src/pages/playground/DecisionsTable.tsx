import { Check, Minus, Trophy } from 'lucide-react';
import { percent } from '../chat/trace-read';
import type { DecisionRow } from './trace-view';

// Every decision of the profile: the winner, the other matches and why they
// lost (tier, confidence, priority as the trace has them), and the rest.

function Mark({ row }: { row: DecisionRow }) {
  if (row.winner) return <Trophy size={14} aria-label="won" className="playground-mark--won" />;
  if (row.matched) return <Check size={14} aria-label="matched" />;
  return <Minus size={14} aria-label="not matched" className="muted" />;
}

export function DecisionsTable({ rows }: { rows: DecisionRow[] }) {
  if (rows.length === 0) return <p className="muted">The profile declares no decisions.</p>;
  return (
    <table className="table playground-decisions">
      <thead>
        <tr>
          <th scope="col" aria-label="Outcome" />
          <th scope="col">Decision</th>
          <th scope="col">Tier</th>
          <th scope="col">Priority</th>
          <th scope="col">Confidence</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-outcome={row.winner ? 'won' : row.matched ? 'lost' : 'unmatched'}>
            <td>
              <Mark row={row} />
            </td>
            <td className="table__primary">{row.name}</td>
            <td>{row.tier ?? '—'}</td>
            <td>{row.priority ?? '—'}</td>
            <td>{row.matched ? (percent(row.confidence) ?? '—') : '—'}</td>
            <td className={row.matched ? undefined : 'muted'}>{row.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
