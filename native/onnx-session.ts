// onnxruntime-node sessions, each in its own worker thread: onnxruntime-node runs models
// synchronously on the calling thread, so a worker keeps the engine responsive, lets photo
// decoding continue while a batch runs, and lets a hung warm-up be abandoned by a timeout.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { listSupportedBackends } from 'onnxruntime-node';

export type ExecutionProvider = 'cpu' | 'webgpu' | 'cuda' | 'dml' | 'coreml';

export interface TensorInfo {
  readonly name: string;
  /** onnxruntime's type name: 'float32', 'int32', 'int64', ... */
  readonly type: string;
  /** Numbers for fixed axes, names (or -1) for dynamic ones. */
  readonly shape: readonly (number | string)[];
}

export interface TensorOutput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface OnnxSession {
  readonly provider: ExecutionProvider;
  /** First input and first output of the graph: names are not relied on. */
  readonly input: TensorInfo;
  readonly output: TensorInfo;
  /** Every input of the graph, in its order (a text tower may take an attention mask too). */
  readonly inputs: readonly TensorInfo[];
  /**
   * Runs the graph on one tensor (fed to `feeds.input`, else the first input) and any `extra`
   * named tensors of the same shape; int32 data is widened when the model wants int64.
   */
  run(
    data: Float32Array | Int32Array,
    dims: readonly number[],
    timeoutMs?: number,
    feeds?: RunFeeds,
  ): Promise<TensorOutput>;
  close(): Promise<void>;
}

export interface RunFeeds {
  readonly input?: string;
  readonly extra?: Readonly<Record<string, Int32Array>>;
}

export class OnnxTimeoutError extends Error {
  override readonly name = 'OnnxTimeoutError';
}

// Resolved here and handed to the worker, whose eval'd code has no module location of its own.
const ORT_ENTRY = createRequire(
  typeof __filename === 'string' ? __filename : import.meta.url,
).resolve('onnxruntime-node');

// Plain CommonJS so the worker runs the same way from TypeScript sources and from a bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortEntry);
let session = null;
function describe(error) { return error && error.message ? String(error.message) : String(error); }
function tensorInfo(meta, name) {
  return { name, type: meta && meta.isTensor ? meta.type : 'unknown', shape: meta && meta.isTensor ? meta.shape : [] };
}
async function handle(message) {
  try {
    if (message.kind === 'open') {
      session = await ort.InferenceSession.create(message.path, message.options);
      parentPort.postMessage({ id: message.id, ok: true,
        input: tensorInfo(session.inputMetadata[0], session.inputNames[0]),
        inputs: session.inputNames.map((name, i) => tensorInfo(session.inputMetadata[i], name)),
        output: tensorInfo(session.outputMetadata[0], session.outputNames[0]) });
    } else if (message.kind === 'run') {
      const tensor = (name, data) => {
        const meta = session.inputMetadata[session.inputNames.indexOf(name)];
        if (meta.isTensor && meta.type === 'int64') data = BigInt64Array.from(data, (v) => BigInt(v));
        const type = meta.isTensor && meta.type === 'int64' ? 'int64' : meta.isTensor ? meta.type : 'float32';
        return new ort.Tensor(type, data, message.dims);
      };
      const main = message.input || session.inputNames[0];
      const feeds = { [main]: tensor(main, message.data) };
      for (const [name, data] of Object.entries(message.extra || {})) feeds[name] = tensor(name, data);
      const outputs = await session.run(feeds);
      const output = outputs[session.outputNames[0]];
      const values = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data, Number);
      parentPort.postMessage({ id: message.id, ok: true, data: values, dims: output.dims }, [values.buffer]);
    } else if (message.kind === 'close') {
      if (session) await session.release();
      session = null;
      parentPort.postMessage({ id: message.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: describe(error) });
  }
}
// One request at a time, in order: a release must never overtake a run.
let queue = Promise.resolve();
parentPort.on('message', (message) => { queue = queue.then(() => handle(message)); });
`;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly input?: TensorInfo;
  readonly output?: TensorInfo;
  readonly inputs?: TensorInfo[];
  readonly data?: Float32Array;
  readonly dims?: number[];
}

/** Execution providers this build of onnxruntime-node can try on this machine. */
export function supportedProviders(): ExecutionProvider[] {
  const known: readonly string[] = ['cpu', 'webgpu', 'cuda', 'dml', 'coreml'];
  return listSupportedBackends()
    .filter((backend) => known.includes(backend.name))
    .filter((backend) => backend.name !== 'cuda' || cudaProviderInstalled())
    .map((backend) => backend.name as ExecutionProvider);
}

/** The CUDA provider ships separately; without its libraries beside the binding it cannot load. */
export function cudaProviderInstalled(): boolean {
  const binDir = join(dirname(ORT_ENTRY), '..', 'bin', 'napi-v6', process.platform, process.arch);
  const library =
    process.platform === 'win32'
      ? 'onnxruntime_providers_cuda.dll'
      : 'libonnxruntime_providers_cuda.so';
  return existsSync(join(binDir, library));
}

function sessionOptions(provider: ExecutionProvider, threads: number): object {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    // Idle runtime threads sleep rather than spin: a spinning thread takes the core a photo decoder
    // or the app needs, and on a busy machine a text run took 175 ms instead of 111 ms with them
    // spinning (the label preview's text run for seven templates, beside two busy processes),
    // while indexing alone was no slower (8.3 against 7.8 photos/s on `npm run bench`).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/**
 * Opens `modelPath` (a file path, so external-data weights beside it resolve) on `provider`.
 * Rejects with the runtime's reason when the model or the provider cannot be loaded.
 */
export async function openOnnxSession(
  modelPath: string,
  options: { provider?: ExecutionProvider; threads?: number; timeoutMs?: number } = {},
): Promise<OnnxSession> {
  const provider = options.provider ?? 'cpu';
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortEntry: ORT_ENTRY } });
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (reply: Reply) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let failure: Error | null = null;
  // Requests the worker has not answered yet, even ones whose caller gave up waiting.
  let inFlight = 0;
  let retire = false;

  // Stopping a worker inside a native run, or one still holding a session, aborts the
  // process: release the session after whatever is running, then stop the idle worker.
  const retireWhenIdle = (): void => {
    if (retire) return;
    retire = true;
    inFlight++;
    worker.ref();
    worker.postMessage({ kind: 'close', id: 0 });
  };
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    inFlight--;
    // Referenced while it works: exiting during a native run would abort the process.
    if (inFlight === 0) worker.unref();
    if (retire && inFlight === 0) void worker.terminate();
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply);
    else call.reject(new Error(reply.error ?? 'onnxruntime failed'));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => failAll(new Error('The onnxruntime worker stopped.')));

  const call = (message: object, timeoutMs?: number): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          if (timer) clearTimeout(timer);
          fn(value);
        };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      worker.ref();
      inFlight++;
      worker.postMessage({ ...message, id });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          failAll(new OnnxTimeoutError(`no answer within ${Math.round(timeoutMs / 1000)} s`));
          // A run stuck in native code cannot be interrupted: give up on the thread.
          retireWhenIdle();
        }, timeoutMs);
      }
    });
  };

  let opened: Reply;
  try {
    opened = await call(
      { kind: 'open', path: modelPath, options: sessionOptions(provider, threads) },
      options.timeoutMs,
    );
  } catch (error) {
    retireWhenIdle();
    throw error;
  }
  const input = opened.input as TensorInfo;
  const output = opened.output as TensorInfo;
  const inputs = opened.inputs ?? [input];

  return {
    provider,
    input,
    output,
    inputs,
    async run(data, dims, timeoutMs, feeds) {
      // Cloning a view would copy its whole underlying buffer: send just the view's elements.
      const own = <T extends Float32Array | Int32Array>(view: T): T =>
        view.byteLength === view.buffer.byteLength ? view : (view.slice() as T);
      const extra = Object.fromEntries(
        Object.entries(feeds?.extra ?? {}).map(([name, view]) => [name, own(view)]),
      );
      const message = { kind: 'run', data: own(data), dims: [...dims], input: feeds?.input, extra };
      const reply = await call(message, timeoutMs);
      return { data: reply.data ?? new Float32Array(0), dims: reply.dims ?? [] };
    },
    async close() {
      failure ??= new Error('The model was closed.');
      retireWhenIdle();
    },
  };
}
