import type { Counts } from '../../core/metrics';
import './charts.css';
import { useChartColors } from './chart-colors';

interface ConfusionHeatmapProps {
  counts: Counts;
  title?: string;
}

const CELL = 110;
const LEFT = 96;
const TOP = 44;

/**
 * The confusion matrix as an SVG heat map (so it joins the PNG export): rows are the labels, columns the
 * verdicts; darker means more examples. The numbers are in the picture and in its accessible name.
 */
export function ConfusionHeatmap({ counts, title = 'Confusion matrix' }: ConfusionHeatmapProps) {
  const colors = useChartColors();
  const max = Math.max(1, counts.tp, counts.fn, counts.fp, counts.tn);
  const cells = [
    { row: 0, col: 0, name: 'True positives', short: 'TP', value: counts.tp, color: colors.safe },
    { row: 0, col: 1, name: 'False negatives', short: 'FN', value: counts.fn, color: colors.flagged },
    { row: 1, col: 0, name: 'False positives', short: 'FP', value: counts.fp, color: colors.flagged },
    { row: 1, col: 1, name: 'True negatives', short: 'TN', value: counts.tn, color: colors.safe },
  ];
  const label = `${title}: ${cells.map((cell) => `${cell.name} ${cell.value}`).join(', ')}`;
  const width = LEFT + 2 * CELL + 8;
  const height = TOP + 2 * CELL + 8;
  return (
    <figure className="chart chart-heatmap">
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label} className="heatmap">
        <text x={LEFT + CELL} y={14} textAnchor="middle" fill={colors.muted} fontSize={12}>
          Verdict
        </text>
        <text x={LEFT + CELL / 2} y={34} textAnchor="middle" fill={colors.text} fontSize={13}>
          flagged
        </text>
        <text x={LEFT + CELL * 1.5} y={34} textAnchor="middle" fill={colors.text} fontSize={13}>
          not flagged
        </text>
        <text x={LEFT - 10} y={TOP + CELL / 2} textAnchor="end" dominantBaseline="middle" fill={colors.text} fontSize={13}>
          unsafe
        </text>
        <text x={LEFT - 10} y={TOP + CELL * 1.5} textAnchor="end" dominantBaseline="middle" fill={colors.text} fontSize={13}>
          safe
        </text>
        <text x={12} y={TOP + CELL} textAnchor="middle" fill={colors.muted} fontSize={12} transform={`rotate(-90 12 ${TOP + CELL})`}>
          Label
        </text>
        {cells.map((cell) => {
          const x = LEFT + cell.col * CELL;
          const y = TOP + cell.row * CELL;
          const strength = cell.value / max;
          return (
            <g key={cell.short}>
              <rect x={x} y={y} width={CELL - 4} height={CELL - 4} rx={6} fill={colors.surface} stroke={colors.grid} />
              <rect x={x} y={y} width={CELL - 4} height={CELL - 4} rx={6} fill={cell.color} fillOpacity={0.12 + 0.78 * strength} />
              <text
                x={x + (CELL - 4) / 2}
                y={y + CELL / 2 - 8}
                textAnchor="middle"
                fontSize={22}
                fontWeight={700}
                fill={strength > 0.55 ? colors.surface : colors.text}
              >
                {cell.value}
              </text>
              <text x={x + (CELL - 4) / 2} y={y + CELL / 2 + 16} textAnchor="middle" fontSize={12} fill={strength > 0.55 ? colors.surface : colors.muted}>
                {cell.short}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
