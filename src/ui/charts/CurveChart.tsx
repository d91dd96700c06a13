import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve } from '../../core/metrics';
import './charts.css';
import { useChartColors } from './chart-colors';

interface CurveChartProps {
  curve: Curve;
  area: number | null;
  /** The point the threshold slider stands on, when it is on. */
  marker?: { x: number; y: number } | null;
}

const TITLES = {
  pr: { title: 'Precision–recall', x: 'Recall', y: 'Precision', area: 'Average precision' },
  roc: { title: 'ROC', x: 'False-positive rate', y: 'True-positive rate', area: 'AUC' },
} as const;

/** A PR or ROC curve over the examples' scores, with its area in the title. */
export function CurveChart({ curve, area, marker = null }: CurveChartProps) {
  const colors = useChartColors();
  const names = TITLES[curve.kind];
  const areaText = area === null ? 'not defined' : area.toFixed(3);
  const data = curve.points.map((point) => ({ x: point.x, y: point.y }));
  return (
    <figure className="chart">
      <figcaption className="chart-title">
        {names.title} — {names.area} {areaText}
      </figcaption>
      <div className="chart-body" role="img" aria-label={`${names.title} curve over ${curve.positives} unsafe and ${curve.negatives} safe examples; ${names.area} ${areaText}`}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 0 }}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[0, 1]}
              tick={{ fill: colors.muted, fontSize: 12 }}
              stroke={colors.grid}
              label={{ value: names.x, position: 'insideBottom', offset: -12, fill: colors.text, fontSize: 12 }}
            />
            <YAxis type="number" domain={[0, 1]} tick={{ fill: colors.muted, fontSize: 12 }} stroke={colors.grid} width={40} />
            <Tooltip formatter={(value) => Number(value).toFixed(3)} labelFormatter={(value) => `${names.x} ${Number(value).toFixed(3)}`} />
            <Line type={curve.kind === 'pr' ? 'stepAfter' : 'linear'} dataKey="y" name={names.y} stroke={colors.accent} strokeWidth={2} dot={false} isAnimationActive={false} />
            {marker && <ReferenceDot x={marker.x} y={marker.y} r={5} fill={colors.flagged} stroke={colors.surface} />}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
