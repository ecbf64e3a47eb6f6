// The scan's inner loop as a tiny WebAssembly SIMD module, assembled here from its bytes: int8
// photo vectors times an int16 query, 16 dimensions per step. Plain JS has no SIMD, and a 1M x 512
// scan has to move 512 MB through the cores in a few tens of milliseconds.

// Opcodes of the WebAssembly core and SIMD proposals used below.
const I32 = 0x7f;
const V128 = 0x7b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_EQZ = 0x45;
const I32_LT_U = 0x49;
const I32_STORE = 0x36;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR_IF = 0x0d;
const END = 0x0b;
const EMPTY = 0x40;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_CONST = [SIMD, 0x0c];
const EXTRACT_LANE = [SIMD, 0x1b];
const EXTEND_LOW_S = [SIMD, 0x87, 0x01];
const EXTEND_HIGH_S = [SIMD, 0x88, 0x01];
const I32X4_ADD = [SIMD, 0xae, 0x01];
const V128_XOR = [SIMD, 0x51];
const DOT_I16X8_S = [SIMD, 0xba, 0x01];

// Parameters and locals of `scores(query, rows, count, dim, out)`.
const QUERY = 0;
const ROW = 1;
const COUNT = 2;
const DIM = 3;
const OUT = 4;
const ROW_END = 5;
const Q = 6;
const ACC_LOW = 7;
const ACC_HIGH = 8;
const BYTES = 9;

function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const text = (s: string): number[] => [...leb(s.length), ...Buffer.from(s, 'ascii')];

/** The body of `scores`: for each of `count` rows of `dim` int8, out[i] = dot(row, query). */
function scoresBody(): number[] {
  const get = (local: number) => [LOCAL_GET, local];
  const set = (local: number) => [LOCAL_SET, local];
  const zero = [...V128_CONST, ...new Array<number>(16).fill(0)];
  const lane = (n: number) => [...get(ACC_LOW), ...EXTRACT_LANE, n];
  const code = [
    [BLOCK, EMPTY],
    [...get(COUNT), I32_EQZ, BR_IF, 0],
    [LOOP, EMPTY],
    [...zero, ...set(ACC_LOW), ...zero, ...set(ACC_HIGH)],
    [...get(ROW), ...get(DIM), I32_ADD, ...set(ROW_END), ...get(QUERY), ...set(Q)],
    [LOOP, EMPTY],
    [...get(ROW), ...V128_LOAD, 0, 0, ...set(BYTES)],
    [...get(ACC_LOW), ...get(BYTES), ...EXTEND_LOW_S, ...get(Q), ...V128_LOAD, 0, 0],
    [...DOT_I16X8_S, ...I32X4_ADD, ...set(ACC_LOW)],
    [...get(ACC_HIGH), ...get(BYTES), ...EXTEND_HIGH_S, ...get(Q), ...V128_LOAD, 0, 16],
    [...DOT_I16X8_S, ...I32X4_ADD, ...set(ACC_HIGH)],
    [...get(Q), I32_CONST, 32, I32_ADD, ...set(Q)],
    [...get(ROW), I32_CONST, 16, I32_ADD, LOCAL_TEE, ROW, ...get(ROW_END), I32_LT_U, BR_IF, 0],
    [END],
    [...get(ACC_LOW), ...get(ACC_HIGH), ...I32X4_ADD, ...set(ACC_LOW)],
    [...get(OUT), ...lane(0), ...lane(1), I32_ADD, ...lane(2), I32_ADD, ...lane(3), I32_ADD],
    [I32_STORE, 2, 0],
    [...get(OUT), I32_CONST, 4, I32_ADD, ...set(OUT)],
    [...get(COUNT), I32_CONST, 1, I32_SUB, LOCAL_TEE, COUNT, BR_IF, 0],
    [END, END, END],
  ].flat();
  const locals = vec([
    [2, I32],
    [3, V128],
  ]);
  const body = [...locals, ...code];
  return [...leb(body.length), ...body];
}

// Parameters and locals of `pass(from, bytes)`.
const FROM = 0;
const LENGTH = 1;
const END_AT = 2;
const SEEN = 3;

/**
 * The body of `pass`: reads `bytes` bytes from `from` once, 16 at a time, with the least work
 * (an xor) per load: the memory floor a scan over the same bytes is measured against.
 */
function passBody(): number[] {
  const get = (local: number) => [LOCAL_GET, local];
  const set = (local: number) => [LOCAL_SET, local];
  const code = [
    [BLOCK, EMPTY],
    [...get(LENGTH), I32_EQZ, BR_IF, 0],
    [...get(FROM), ...get(LENGTH), I32_ADD, ...set(END_AT)],
    [LOOP, EMPTY],
    [...get(SEEN), ...get(FROM), ...V128_LOAD, 0, 0, ...V128_XOR, ...set(SEEN)],
    [...get(FROM), I32_CONST, 16, I32_ADD, LOCAL_TEE, FROM, ...get(END_AT), I32_LT_U, BR_IF, 0],
    [END, END],
    [...get(SEEN), ...EXTRACT_LANE, 0],
    [END],
  ].flat();
  const locals = vec([
    [1, I32],
    [1, V128],
  ]);
  const body = [...locals, ...code];
  return [...leb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types = section(
    1,
    vec([
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0],
      [0x60, ...vec([[I32], [I32]]), ...vec([[I32]])],
    ]),
  );
  const imports = section(2, vec([[...text('env'), ...text('memory'), 0x02, 0x00, 0x01]]));
  const functions = section(3, vec([[0], [1]]));
  const exports = section(
    7,
    vec([
      [...text('scores'), 0x00, 0],
      [...text('pass'), 0x00, 1],
    ]),
  );
  const code = section(10, vec([scoresBody(), passBody()]));
  return new Uint8Array([...header, ...types, ...imports, ...functions, ...exports, ...code]);
}

// The node tsconfig has no DOM lib, so the few WebAssembly globals used are typed here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

export interface Int8Kernel {
  readonly memory: WasmMemory;
  /** Writes `count` int32 dot products of int8 rows (at `rows`) with the int16 query to `out`. */
  scores(query: number, rows: number, count: number, dim: number, out: number): void;
  /** Reads `bytes` bytes (a multiple of 16) at `from` once; a checksum, so no engine skips it. */
  pass(from: number, bytes: number): number;
}

let compiled: object | null = null;

/** A kernel over its own memory of at least `bytes` bytes. */
export function createInt8Kernel(bytes: number): Int8Kernel {
  compiled ??= new wasm.Module(moduleBytes());
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const memory = new wasm.Memory({ initial: pages });
  const instance = new wasm.Instance(compiled, { env: { memory } });
  const scores = instance.exports['scores'] as Int8Kernel['scores'];
  const pass = instance.exports['pass'] as Int8Kernel['pass'];
  return { memory, scores, pass };
}
