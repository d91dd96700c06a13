import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import './charts.css';
import { useChartColors } from './chart-colors';

interface CategoryBarsProps {
  /** Category id → number of examples flagged with it. */
  counts: ReadonlyMap<string, number>;
  /** Category id → name, from the policy. */
  names?: Readonly<Record<string, string>>;
}

/** How often each violated category was named, most frequent first. */
export function CategoryBars({ counts, names = {} }: CategoryBarsProps) {
  const colors = useChartColors();
  const data = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true }))
    .map(([id, count]) => ({ name: names[id] ? `${id} ${names[id]}` : id, count }));
  const summary = data.length === 0 ? 'no categories named' : data.map((d) => `${d.name}: ${d.count}`).join(', ');
  return (
    <figure className="chart">
      <figcaption className="chart-title">Violated categories</figcaption>
      {data.length === 0 ? (
        <p className="muted small">No verdict named a category (reference reading never does; robust reading reads them when the template asks).</p>
      ) : (
        <div className="chart-body" role="img" aria-label={`Category counts: ${summary}`}>
          <ResponsiveContainer width="100%" height={Math.max(120, 28 * data.length + 40)}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
              <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fill: colors.muted, fontSize: 12 }} stroke={colors.grid} />
              <YAxis type="category" dataKey="name" width={170} tick={{ fill: colors.text, fontSize: 12 }} stroke={colors.grid} />
              <Tooltip />
              <Bar dataKey="count" name="Examples" fill={colors.flagged} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
