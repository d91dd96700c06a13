interface ScoreBarProps {
  /** P(flagged value) from the model, 0–1, or null when the engine gave no probabilities. */
  score: number | null;
  flaggedValue: string;
}

/** The model's probability of the flagged value as a labelled bar, or a note when there is none. */
export function ScoreBar({ score, flaggedValue }: ScoreBarProps) {
  const label = `Probability of "${flaggedValue}"`;
  if (score === null) {
    return (
      <div className="score">
        <p className="score-label">{label}</p>
        <p className="muted small">Not available: the engine returned no token probabilities for this answer.</p>
      </div>
    );
  }
  const percent = Math.min(100, Math.max(0, score * 100));
  const text = `${percent < 1 && percent > 0 ? '<1' : percent > 99 && percent < 100 ? '>99' : Math.round(percent)}%`;
  return (
    <div className="score">
      <p className="score-label" id="score-label">
        {label}: <strong>{text}</strong>
      </p>
      <div className="meter" role="img" aria-labelledby="score-label">
        <div className={`meter-fill${percent >= 50 ? ' high' : ''}`} style={{ width: `${percent}%` }} />
      </div>
      <div className="meter-scale muted small" aria-hidden="true">
        <span>0%</span>
        <span>50%</span>
        <span>100%</span>
      </div>
    </div>
  );
}
