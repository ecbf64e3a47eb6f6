// Indexing progress on stderr: one line rewritten in place on a terminal, an occasional plain line
// when stderr is a file or a pipe (so logs stay readable).
import type { IndexProgress } from '../../preload/contract';

const PLAIN_EVERY_MS = 2_000;

export function describeProgress(progress: IndexProgress): string {
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  const parts = [`Indexing ${progress.done}/${progress.total} (${percent}%)`];
  if (progress.filesPerSecond > 0) parts.push(`${progress.filesPerSecond.toFixed(1)} photos/s`);
  if (progress.etaSeconds !== null && progress.done < progress.total)
    parts.push(`${formatDuration(progress.etaSeconds)} left`);
  if (progress.currentFolder !== null) parts.push(progress.currentFolder);
  return parts.join(' · ');
}

/** "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export interface ProgressLine {
  show(progress: IndexProgress): void;
  /** Clears the live line, so what follows starts on a clean line. */
  end(): void;
}

export function progressLine(stream: NodeJS.WriteStream): ProgressLine {
  const live = stream.isTTY === true;
  let shown = false;
  let lastPlain = 0;
  return {
    show(progress) {
      if (progress.total === 0) return;
      const text = describeProgress(progress);
      if (live) {
        const width = Math.max(20, (stream.columns ?? 80) - 1);
        stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
        shown = true;
        return;
      }
      const now = Date.now();
      if (now - lastPlain < PLAIN_EVERY_MS && progress.done < progress.total) return;
      lastPlain = now;
      stream.write(`${text}\n`);
    },
    end() {
      if (live && shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
