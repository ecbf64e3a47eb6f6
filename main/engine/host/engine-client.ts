// The client side of the engine host protocol: a typed EngineApi proxy over one host process,
// with crash recovery (pending calls fail clearly, the host is respawned, status says so).
import type { EngineStatus } from '../../../preload/contract';
import { engineOf, type EngineApi, type EngineEvents } from '../engine-api';
import { engineError, errorFromCall } from '../engine-error';
import type { RepairReport } from '../library/repair';
import { isHostMessage, type EngineRequest, type HostMessage } from './protocol';
import { KILL_AFTER_MS } from './shutdown-grace';

/** One running host process, whatever started it (Node fork, Electron utilityProcess). */
export interface HostConnection {
  send(message: EngineRequest): void;
  onMessage(listener: (message: HostMessage) => void): void;
  onExit(listener: (code: number | null, reason: string) => void): void;
  kill(): void;
}

export interface EngineClientOptions {
  /** Respawn the host after it crashes (default true). */
  readonly restart?: boolean;
  readonly log?: (line: string) => void;
}

/** Host events that are not part of EngineEvents: lifecycle and log lines. */
export const HOST_READY_EVENT = 'host:ready';
export const HOST_FATAL_EVENT = 'host:fatal';
export const HOST_LOG_EVENT = 'host:log';
/** Sent by a host started to repair its library, with the RepairReport, before it opens it. */
export const HOST_REPAIRED_EVENT = 'host:repaired';

/** How a host is started: `repair` repairs the library (as `facet repair` does) before opening it. */
export interface SpawnOptions {
  readonly repair: boolean;
}

// Calls slower than this are logged, so a sluggish UI can be traced to the engine call behind it.
const SLOW_CALL_MS = 2_000;
// A host that ignores SIGTERM is SIGKILLed after KILL_AFTER_MS; close() waits for that.
const CLOSE_TIMEOUT_MS = KILL_AFTER_MS + 1_000;

interface PendingCall {
  readonly method: string;
  readonly started: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Host {
  readonly connection: HostConnection;
  ready: boolean;
  fatal: string | null;
  exited: Promise<void>;
  repaired: ((report: RepairReport) => void) | null;
}

type Listener = (payload: never) => void;

const EMPTY_STATUS: EngineStatus = {
  state: 'starting',
  message: null,
  model: null,
  device: null,
  library: { roots: 0, files: 0, embedded: 0 },
  progress: null,
};

export class EngineClient {
  readonly api: EngineApi;
  private readonly restart: boolean;
  private readonly log: (line: string) => void;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly anyListeners = new Set<(name: keyof EngineEvents, payload: unknown) => void>();
  private host: Host | null = null;
  private nextSeq = 1;
  private closing = false;
  private lastStatus: EngineStatus = EMPTY_STATUS;
  /** While a repair runs, calls wait: a host of their own would open the library mid-repair. */
  private repairing: Promise<unknown> | null = null;

  constructor(
    private readonly spawn: (options: SpawnOptions) => HostConnection,
    options: EngineClientOptions = {},
  ) {
    this.restart = options.restart ?? true;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    // Built from the declarations (preload/contract), not from the engine: the shell never bundles
    // the engine's domain modules (sharp, onnxruntime, exiftool) to learn the calls.
    this.api = engineOf(
      (domain, name) =>
        (...args: unknown[]) =>
          this.call(domain, name, args),
    );
    this.host = this.startHost();
  }

  /** Sends one request; the host refuses calls that are not declared engine calls. */
  call(domain: string, name: string, args: readonly unknown[]): Promise<unknown> {
    const method = `${domain}.${name}`;
    if (this.closing)
      return Promise.reject(engineError('ENGINE_UNAVAILABLE', 'The engine has been closed.'));
    if (this.repairing !== null) {
      const after = () => this.call(domain, name, args);
      return this.repairing.then(after, after);
    }
    const host = this.host ?? (this.host = this.startHost());
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { method, started: Date.now(), resolve, reject });
      try {
        host.connection.send({ kind: 'request', seq, domain, name, args });
      } catch (error) {
        this.pending.delete(seq);
        reject(
          engineError(
            'ENGINE_UNAVAILABLE',
            `The engine could not be reached: ${(error as Error).message}`,
          ),
        );
      }
    });
  }

  on<E extends keyof EngineEvents>(
    name: E,
    listener: (payload: EngineEvents[E]) => void,
  ): () => void {
    const set = this.listeners.get(name) ?? new Set<Listener>();
    this.listeners.set(name, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Every engine event, by name: how main and the browser bridge forward them all to the page. */
  onEvent(listener: (name: keyof EngineEvents, payload: unknown) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Stops the host (it closes the library first) and fails any call still in flight. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.failPending('The engine was closed before the call completed.');
    const host = this.host;
    this.host = null;
    if (host === null) return;
    host.connection.kill();
    await this.waitFor(host.exited);
  }

  /**
   * Stops the host, repairs the library in a fresh one (the same code as `facet repair`: a copy of
   * the damaged file is kept, what can be read is saved) and goes on with that host on the
   * repaired library. Rejects with the host's reason when the repair fails.
   */
  async repairLibrary(): Promise<RepairReport> {
    if (this.closing) throw new Error('The engine has been closed.');
    if (this.repairing !== null) throw new Error('The library is already being repaired.');
    const repaired = this.repairHost();
    this.repairing = repaired;
    try {
      await repaired;
    } finally {
      this.repairing = null;
    }
    const status = await this.api.engine.status();
    this.emitStatus({ ...status, state: 'ready', message: null });
    return repaired;
  }

  private async repairHost(): Promise<RepairReport> {
    const old = this.host;
    this.host = null; // its exit is expected, not a crash
    if (old !== null) {
      this.failPending('The engine was stopped to repair the library; the call was not completed.');
      old.connection.kill();
      await this.waitFor(old.exited);
    }
    this.emitStatus({ state: 'starting', message: 'Repairing the library…' });
    const host = this.startHost({ repair: true });
    this.host = host;
    return new Promise<RepairReport>((resolve, reject) => {
      host.repaired = resolve;
      void host.exited.then(() =>
        reject(
          new Error(`The library could not be repaired: ${host.fatal ?? 'the engine stopped'}`),
        ),
      );
    });
  }

  private async waitFor(exited: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
    await Promise.race([exited, timeout]);
    clearTimeout(timer);
  }

  private startHost(options: SpawnOptions = { repair: false }): Host {
    const connection = this.spawn(options);
    let markExited = () => {};
    const host: Host = {
      connection,
      ready: false,
      fatal: null,
      exited: new Promise<void>((resolve) => (markExited = resolve)),
      repaired: null,
    };
    connection.onMessage((message) => {
      if (isHostMessage(message)) this.handleMessage(host, message);
    });
    connection.onExit((code, reason) => {
      markExited();
      this.handleExit(host, code, reason);
    });
    return host;
  }

  private handleMessage(host: Host, message: HostMessage): void {
    if (message.kind === 'reply') {
      const call = this.pending.get(message.seq);
      if (call === undefined) return;
      this.pending.delete(message.seq);
      const elapsed = Date.now() - call.started;
      if (elapsed > SLOW_CALL_MS)
        this.log(`engine: ${call.method} took ${(elapsed / 1000).toFixed(1)} s`);
      if (message.ok) {
        call.resolve(message.result);
      } else {
        call.reject(errorFromCall(message.error));
      }
      return;
    }
    switch (message.name) {
      case HOST_READY_EVENT:
        host.ready = true;
        return;
      case HOST_FATAL_EVENT:
        host.fatal = String(
          (message.payload as { message?: unknown } | null)?.message ?? message.payload,
        );
        this.log(`engine: could not start: ${host.fatal}`);
        return;
      case HOST_REPAIRED_EVENT:
        host.repaired?.(message.payload as RepairReport);
        return;
      case HOST_LOG_EVENT:
        this.log(`engine: ${String(message.payload)}`);
        return;
      // The engine's own status event: kept, so a crash report can say what the library held.
      case 'engine:status':
        this.lastStatus = message.payload as EngineStatus;
        this.emit('engine:status', this.lastStatus);
        return;
      default:
        this.emit(message.name, message.payload);
    }
  }

  private handleExit(host: Host, code: number | null, reason: string): void {
    if (this.host !== host) return; // an old host that was replaced or closed
    this.host = null;
    if (this.closing) return;
    if (!host.ready) {
      // A host that dies before it is ready would die again: fail clearly, retry on the next call.
      const why = host.fatal ?? `it exited during start-up (${reason})`;
      this.failPending(`The engine could not start: ${why}`);
      this.emitStatus({ state: 'error', message: `The engine could not start: ${why}` });
      return;
    }
    this.log(
      `engine: the host process stopped unexpectedly (${reason}, exit code ${code ?? 'none'})`,
    );
    this.failPending(`The engine stopped unexpectedly (${reason}); the call was not completed.`);
    if (!this.restart) {
      this.emitStatus({ state: 'error', message: `The engine stopped unexpectedly (${reason}).` });
      return;
    }
    this.emitStatus({
      state: 'restarting',
      message: 'The engine stopped unexpectedly; restarting it.',
    });
    this.host = this.startHost();
    void this.reportRestarted();
  }

  private async reportRestarted(): Promise<void> {
    try {
      const status = await this.api.engine.status();
      this.emitStatus({
        ...status,
        state: 'ready',
        message: 'The engine restarted after a crash.',
      });
    } catch (error) {
      this.log(`engine: restart failed: ${(error as Error).message}`);
    }
  }

  private emitStatus(
    change: Pick<EngineStatus, 'state' | 'message'> & Partial<EngineStatus>,
  ): void {
    this.lastStatus = { ...this.lastStatus, progress: null, ...change };
    this.emit('engine:status', this.lastStatus);
  }

  private emit(name: string, payload: unknown): void {
    const forEvent = [...(this.listeners.get(name) ?? [])].map(
      (listener) => () => (listener as (payload: unknown) => void)(payload),
    );
    const forAny = [...this.anyListeners].map(
      (listener) => () => listener(name as keyof EngineEvents, payload),
    );
    for (const deliver of [...forEvent, ...forAny]) {
      try {
        deliver();
      } catch (error) {
        this.log(`engine: a '${name}' listener failed: ${(error as Error).message}`);
      }
    }
  }

  private failPending(message: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    // The call may or may not have happened: the engine was not there to say.
    for (const call of calls) call.reject(engineError('ENGINE_UNAVAILABLE', message));
  }
}
