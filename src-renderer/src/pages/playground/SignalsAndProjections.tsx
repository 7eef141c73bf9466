import type { Json } from '../chat/trace-read';
import { objectsAt, percent, stringAt } from '../chat/trace-read';
import { mappingRows, scoreRows, signalRows } from './trace-view';

// The facts the decisions were made from: the signals that matched (with
// their confidences), the projection scores and the band each mapping chose.

const num = (value: number) => (Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(3));

export function SignalsView({ trace }: { trace: Json }) {
  const rows = signalRows(trace);
  const unavailable = objectsAt(trace, 'unavailable_signals');
  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">No signal matched.</p>
      ) : (
        <ul className="playground-chips">
          {rows.map((row) => (
            <li key={`${row.type}:${row.name}`} className="playground-chip">
              <code>{row.type}</code> {row.name}
              {row.confidence !== null ? (
                <span className="playground-chip__value">{percent(row.confidence)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unavailable.length > 0 ? (
        <p className="muted playground-note">
          Not evaluated here (no model installed):{' '}
          {unavailable.map((item) => stringAt(item, 'type')).join(', ')}
        </p>
      ) : null}
    </>
  );
}

export function ProjectionsView({ trace }: { trace: Json }) {
  const scores = scoreRows(trace);
  const mappings = mappingRows(trace);
  if (scores.length === 0 && mappings.length === 0) {
    return <p className="muted">The profile declares no projections.</p>;
  }
  const bandOf = new Map(mappings.map((mapping) => [mapping.source, mapping]));
  return (
    <table className="table playground-projections">
      <thead>
        <tr>
          <th scope="col">Score</th>
          <th scope="col">Value</th>
          <th scope="col">Inputs</th>
          <th scope="col">Band</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((score) => {
          const mapping = bandOf.get(score.name);
          const inputs = score.inputs.filter((input) => input.contribution !== 0);
          return (
            <tr key={score.name}>
              <td className="table__primary">{score.name}</td>
              <td className="table__nowrap">{num(score.total)}</td>
              <td className="table__secondary">
                {inputs.length === 0
                  ? 'no input contributed'
                  : inputs.map((input) => `${input.label} ${num(input.contribution)}`).join(' · ')}
              </td>
              <td>
                {mapping ? (
                  <span
                    title={`mapping ${mapping.name}: ${mapping.outputs.map((o) => o.name).join(' / ')}`}
                  >
                    <strong>{mapping.band ?? 'none'}</strong>
                    {mapping.confidence !== null ? (
                      <span className="muted"> · {percent(mapping.confidence)}</span>
                    ) : null}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
