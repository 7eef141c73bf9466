import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightsBreakdown } from '../../../../src-main/contract';

// Requests per name (decision, alias or lane), busiest first, as bars.

const MAX_ROWS = 8;

export function BreakdownChart({ title, rows }: { title: string; rows: InsightsBreakdown[] }) {
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <section className="card insights-chart" aria-label={`Requests per ${title.toLowerCase()}`}>
      <h2 className="card__title">Per {title.toLowerCase()}</h2>
      {shown.length === 0 ? (
        <p className="muted">No requests in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(120, shown.length * 32 + 40)}>
          <BarChart
            data={shown}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={120}
              tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            />
            <Tooltip
              cursor={{ fill: 'var(--bg-hover)' }}
              contentStyle={{
                background: 'var(--bg-elevated)',
                border: '1px solid var(--border)',
                color: 'var(--text)',
              }}
            />
            <Bar
              dataKey="requests"
              name="Requests"
              fill="var(--accent)"
              radius={[0, 3, 3, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
      {rows.length > MAX_ROWS ? (
        <p className="muted insights-chart__more">and {rows.length - MAX_ROWS} more</p>
      ) : null}
    </section>
  );
}
