import { percent } from '../format';

interface ProgressBarProps {
  readonly done: number;
  readonly total: number;
  readonly label: string;
  readonly compact?: boolean;
}

export function ProgressBar({ done, total, label, compact = false }: ProgressBarProps) {
  const value = percent(done, total);
  return (
    <div
      className={compact ? 'progress progress-compact' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${done} of ${total}`}
    >
      <div className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
