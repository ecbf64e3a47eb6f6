// Progress of a model download: bytes so far, speed over the last few seconds, time left.
import type { ModelDownloadProgress } from '../../../preload/contract/models';
import type { CatalogFile } from './catalog';

/** The figures the app shows, with done (every byte in) where the app shows a state. */
export type DownloadProgress = Omit<ModelDownloadProgress, 'state' | 'error'> & {
  readonly done: boolean;
};

const WINDOW_MS = 3000;
const EVERY_MS = 200;

export class DownloadMeter {
  private readonly sizes = new Map<string, number | null>();
  private readonly have = new Map<string, number>();
  private current = '';
  private samples: { at: number; bytes: number }[] = [];
  private lastReport = 0;
  private received = 0;

  constructor(
    private readonly name: string,
    files: readonly CatalogFile[],
    private readonly report: ((progress: DownloadProgress) => void) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    for (const file of files) this.sizes.set(file.path, file.size);
  }

  startFile(path: string): void {
    this.current = path;
  }

  setSize(path: string, bytes: number): void {
    this.sizes.set(path, bytes);
  }

  /** Bytes a partial file already held: counted as received, not as speed. */
  resume(path: string, bytes: number): void {
    this.received += bytes - (this.have.get(path) ?? 0);
    this.have.set(path, bytes);
    this.emit(true);
  }

  skip(path: string, bytes: number): void {
    this.setSize(path, bytes);
    this.resume(path, bytes);
  }

  add(bytes: number): void {
    this.received += bytes;
    this.have.set(this.current, (this.have.get(this.current) ?? 0) + bytes);
    const at = this.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 1 && (this.samples[0]?.at ?? at) < at - WINDOW_MS)
      this.samples.shift();
    this.emit(false);
  }

  finish(): void {
    this.emit(true, true);
  }

  totalBytes(): number {
    return this.received;
  }

  snapshot(done = false): DownloadProgress {
    const sizes = [...this.sizes.values()];
    const total = sizes.every((size) => size !== null)
      ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0)
      : null;
    const first = this.samples[0];
    const span = first === undefined ? 0 : (this.now() - first.at) / 1000;
    // The first sample's bytes arrived before the span began.
    const bytes = this.samples.reduce((sum, sample) => sum + sample.bytes, 0) - (first?.bytes ?? 0);
    const speed = span > 0.05 ? bytes / span : 0;
    return {
      name: this.name,
      file: this.current,
      receivedBytes: this.received,
      totalBytes: total,
      bytesPerSecond: Math.round(speed),
      etaSeconds: done
        ? 0
        : total !== null && speed > 0
          ? Math.max(0, (total - this.received) / speed)
          : null,
      done,
    };
  }

  private emit(force: boolean, done = false): void {
    if (this.report === undefined) return;
    const at = this.now();
    if (!force && at - this.lastReport < EVERY_MS) return;
    this.lastReport = at;
    this.report(this.snapshot(done));
  }
}
