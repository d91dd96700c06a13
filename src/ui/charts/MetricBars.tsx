import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import './charts.css';
import { useChartColors } from './chart-colors';

export interface MetricValues {
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
}

interface MetricBarsProps {
  metrics: MetricValues;
  /** The published RoGuard 1.0 F1 for this benchmark, or null when none is published. */
  publishedF1: number | null;
  title?: string;
}

const format = (value: number) => `${Number(value.toFixed(1))}%`;

/** Precision, recall, F1 and false-positive rate as bars, with the published F1 beside this run's F1. */
export function MetricBars({ metrics, publishedF1, title = 'Metrics (%)' }: MetricBarsProps) {
  const colors = useChartColors();
  const data = [
    { name: 'Precision', value: metrics.precision, color: colors.accent },
    { name: 'Recall', value: metrics.recall, color: colors.accent },
    { name: 'F1', value: metrics.f1, color: colors.accent },
    ...(publishedF1 === null ? [] : [{ name: 'Published F1', value: publishedF1, color: colors.reference }]),
    { name: 'FPR', value: metrics.fpr, color: colors.flagged },
  ];
  const summary = data.map((d) => `${d.name} ${format(d.value)}`).join(', ');
  return (
    <figure className="chart" aria-label={`${title}: ${summary}`}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-body" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 20, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: colors.text, fontSize: 12 }} stroke={colors.grid} interval={0} />
            <YAxis domain={[0, 100]} tick={{ fill: colors.muted, fontSize: 12 }} stroke={colors.grid} width={36} />
            <Tooltip formatter={(value) => format(Number(value))} cursor={{ fill: colors.grid, opacity: 0.25 }} />
            <Bar dataKey="value" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.color} />
              ))}
              <LabelList dataKey="value" position="top" formatter={(value: unknown) => format(Number(value))} fill={colors.text} fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {publishedF1 !== null && (
        <p className="chart-note">Published F1 is RoGuard 1.0 (fp16, the authors' figure); this run's model and quantization may differ.</p>
      )}
    </figure>
  );
}
