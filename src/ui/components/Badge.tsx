import type { VerdictStatus } from '../../core/result';

export type BadgeTone = VerdictStatus | 'neutral' | 'info';

const ICON: Record<BadgeTone, string> = {
  flagged: '⚠',
  safe: '✓',
  unparsed: '?',
  neutral: '•',
  info: 'i',
};

const STATUS_TEXT: Record<VerdictStatus, string> = {
  flagged: 'Flagged',
  safe: 'Safe',
  unparsed: 'Unparsed',
};

interface BadgeProps {
  tone: BadgeTone;
  children: React.ReactNode;
}

/** A pill with an icon, text and a colour: the meaning never rests on colour alone. */
export function Badge({ tone, children }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <span className="badge-text">{children}</span>
    </span>
  );
}

/** The status of a verdict as a badge: "Flagged", "Safe" or "Unparsed". */
export function StatusBadge({ status }: { status: VerdictStatus }) {
  return <Badge tone={status}>{STATUS_TEXT[status]}</Badge>;
}
