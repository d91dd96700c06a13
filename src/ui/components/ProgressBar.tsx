interface ProgressBarProps {
  label: string;
  /** 0–1, or null for an indeterminate bar. */
  fraction: number | null;
  /** Text read out and shown under the bar, e.g. "1.2 GB of 4.5 GB". */
  valueText?: string;
  /** False when the page already shows the value beside the bar: it is then only read out. */
  showValueText?: boolean;
}

/** An accessible progress bar (the native element) with its label and value text. */
export function ProgressBar({ label, fraction, valueText, showValueText = true }: ProgressBarProps) {
  const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
  return (
    <div className="progress">
      <div className="progress-head">
        <span className="progress-label">{label}</span>
        {clamped !== null && <span className="progress-percent">{Math.round(clamped * 100)}%</span>}
      </div>
      <progress
        max={1}
        value={clamped ?? undefined}
        aria-label={label}
        aria-valuetext={valueText}
      />
      {valueText && showValueText && <p className="progress-text">{valueText}</p>}
    </div>
  );
}
