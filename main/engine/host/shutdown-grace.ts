// How long an engine host gets to close its library after SIGTERM before it is killed: the
// host ends itself after this, and whoever started it sends SIGKILL a little later.
export const SHUTDOWN_GRACE_MS = 4_000;
/** The parent's SIGKILL comes this much after the host's own deadline. */
export const KILL_AFTER_MS = SHUTDOWN_GRACE_MS + 1_000;

interface Killable {
  kill(signal?: NodeJS.Signals): boolean;
  readonly exitCode: number | null;
  readonly signalCode?: NodeJS.Signals | null;
  once(event: 'exit', listener: () => void): unknown;
}

/** SIGTERM now, SIGKILL after KILL_AFTER_MS unless the child has exited by then. */
export function terminate(child: Killable, killAfterMs = KILL_AFTER_MS): void {
  if (child.exitCode !== null || (child.signalCode ?? null) !== null) return;
  // Not unref'd: a parent about to exit waits for this, or the host would outlive it.
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  child.once('exit', () => clearTimeout(timer));
  child.kill('SIGTERM');
}
