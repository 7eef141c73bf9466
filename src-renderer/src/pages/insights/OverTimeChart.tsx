import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { InsightsBreakdown } from '../../../../src-main/contract';
import { formatMoney } from './insights-format';

// Requests (bars) and cost (line) per UTC day, oldest first.

export function OverTimeChart({ days, currency }: { days: InsightsBreakdown[]; currency: string }) {
  return (
    <section className="card insights-chart" aria-label="Requests and cost over time">
      <h2 className="card__title">Over time</h2>
      <div className="insights-chart__plot">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} />
            <YAxis
              yAxisId="requests"
              allowDecimals={false}
              tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
              width={40}
            />
            <YAxis
              yAxisId="cost"
              orientation="right"
              tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
              tickFormatter={(value: number) => formatMoney(value, currency)}
              width={70}
            />
            <Tooltip
              contentStyle={{
                background: 'var(--bg-elevated)',
                border: '1px solid var(--border)',
                color: 'var(--text)',
              }}
              formatter={(value, name) =>
                name === 'Cost' ? formatMoney(Number(value), currency) : String(value)
              }
            />
            <Legend />
            <Bar
              yAxisId="requests"
              dataKey="requests"
              name="Requests"
              fill="var(--accent)"
              radius={[3, 3, 0, 0]}
              maxBarSize={48}
              isAnimationActive={false}
            />
            <Line
              yAxisId="cost"
              dataKey="actual_cost"
              name="Cost"
              stroke="var(--warn)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
