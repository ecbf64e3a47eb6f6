// A first-in first-out queue whose producers wait while it is full: it bounds memory between stages.
export type Taken<T> = { readonly done: false; readonly value: T } | { readonly done: true };

export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly takers: ((taken: Taken<T>) => void)[] = [];
  private readonly putters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Waits while the queue is full; after close() the item is dropped. */
  async push(item: T): Promise<void> {
    while (!this.closed && this.items.length >= this.capacity && this.takers.length === 0) {
      await new Promise<void>((resolve) => this.putters.push(resolve));
    }
    if (this.closed) return;
    const taker = this.takers.shift();
    if (taker) taker({ done: false, value: item });
    else this.items.push(item);
  }

  /** The next item, or done once the queue is closed and drained. */
  take(): Promise<Taken<T>> {
    if (this.items.length > 0) {
      const value = this.items.shift() as T;
      this.putters.shift()?.();
      return Promise.resolve({ done: false, value });
    }
    if (this.closed) return Promise.resolve({ done: true });
    return new Promise((resolve) => this.takers.push(resolve));
  }

  /** No more pushes; queued items can still be taken. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker({ done: true });
    for (const putter of this.putters.splice(0)) putter();
  }
}
