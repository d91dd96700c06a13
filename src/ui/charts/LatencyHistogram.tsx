import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import './charts.css';
import { useChartColors } from './chart-colors';
import { histogram, percentile } from './histogram';

/** How long the model took per example (results served from the cache left out). */
export function LatencyHistogram({ latencies }: { latencies: readonly number[] }) {
  const colors = useChartColors();
  const bins = histogram(latencies, 20);
  const data = bins.map((bin) => ({ name: `${Math.round(bin.from)}–${Math.round(bin.to)}`, count: bin.count }));
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  const summary = p50 === null ? 'no model calls' : `median ${Math.round(p50)} ms, 95th percentile ${Math.round(p95!)} ms over ${latencies.length} examples`;
  return (
    <figure className="chart">
      <figcaption className="chart-title">Latency per example (ms)</figcaption>
      <div className="chart-body" role="img" aria-label={`Latency histogram: ${summary}`}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} barCategoryGap={1}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: colors.muted, fontSize: 11 }} stroke={colors.grid} />
            <YAxis allowDecimals={false} tick={{ fill: colors.muted, fontSize: 12 }} stroke={colors.grid} width={48} />
            <Tooltip />
            <Bar dataKey="count" name="Examples" fill={colors.info} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-note">{summary[0]!.toUpperCase() + summary.slice(1)}.</p>
    </figure>
  );
}
