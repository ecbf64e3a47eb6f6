// Pause, resume and cancel of the index run in progress: the run asks at each photo whether it may
// go on (and waits there while paused), so a pause stops decoding and embedding within a photo.
import type { IndexRunState } from '../../../preload/contract/library';

export class IndexControl {
  private state: IndexRunState = 'idle';
  private waiters: (() => void)[] = [];
  private pausedSince: number | null = null;
  private pausedTotalMs = 0;

  constructor(private readonly onChange: (state: IndexRunState) => void = () => {}) {}

  get current(): IndexRunState {
    return this.state;
  }

  /** Milliseconds this run spent paused, so speed and ETA count only working time. */
  get pausedMs(): number {
    return this.pausedTotalMs + (this.pausedSince === null ? 0 : Date.now() - this.pausedSince);
  }

  /** A run starts; a pause asked for between runs does not carry over, a cancel neither. */
  begin(): void {
    this.pausedSince = null;
    this.pausedTotalMs = 0;
    this.set('running');
  }

  end(): void {
    this.release();
    this.set('idle');
  }

  /** Returns false when there is no run to pause. */
  pause(): boolean {
    if (this.state !== 'running') return false;
    this.pausedSince = Date.now();
    this.set('paused');
    return true;
  }

  resume(): boolean {
    if (this.state !== 'paused') return false;
    this.release();
    this.set('running');
    return true;
  }

  /** Ends the run after the photo in hand; what it stored stays stored. */
  cancel(): boolean {
    if (this.state !== 'running' && this.state !== 'paused') return false;
    this.release();
    this.set('cancelling');
    return true;
  }

  get cancelled(): boolean {
    return this.state === 'cancelling';
  }

  /** Waits while the run is paused; resolves false when the run should stop. */
  async mayContinue(): Promise<boolean> {
    while (this.state === 'paused') await new Promise<void>((wake) => this.waiters.push(wake));
    return this.state !== 'cancelling';
  }

  private release(): void {
    if (this.pausedSince !== null) this.pausedTotalMs += Date.now() - this.pausedSince;
    this.pausedSince = null;
    for (const wake of this.waiters.splice(0)) wake();
  }

  private set(state: IndexRunState): void {
    if (state === this.state) return;
    this.state = state;
    this.onChange(state);
  }
}
