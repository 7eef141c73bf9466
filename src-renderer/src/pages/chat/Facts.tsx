import type { ReactNode } from 'react';

/** Label and value rows; rows whose value is null or empty are left out. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="trace-facts">
      {shown.map(([label, value]) => (
        <div key={label} className="trace-facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
