/**
 * One measurement of the metering benchmark (`bench/metering.ts`), run in a fresh Node process so the raw and
 * the engine runs get the same V8 compiler tiers:
 *
 *   tsx bench/meteringKernel.ts <kernel> raw|engine first|warm <file.wasm>
 *
 * `raw`: the kernel's Wasm instantiated directly on V8 with stub `ic0` imports (`rawIc0Imports`), its work called
 * as a function: the `run` method, `canister_init` (compiled and instantiated anew each time, as an install is), or
 * the reply callback (exported for this as `kernel_callback`). `engine`: the same bytes on an `ic` subnet, the work
 * done as a canister does it: an ingress message run to completion (all its time slices), an install, or a call the
 * canister makes to itself whose reply callback does the work. `first`: the first time in the process (V8 has
 * compiled nothing of the kernel yet); `warm`: the third time, after two untimed (the steady state of a method called
 * again and again; the engine takes its fast path, `wasm/fastPath.ts`, from a long method's first execution on, past its try).
 * Prints one JSON line: `{ cpuMs, wallMs, instructions }`.
 *
 * CPU time (`process.cpuUsage`, all threads of this process, V8's background compilers included) is the figure to
 * compare: on a shared machine wall time also counts the time other processes held the core.
 */
import { readFileSync } from 'node:fs';
import { createSubnetConfig, IC0_SIGNATURES, resolveIc0Type, Subnet, userPrincipal } from '../src/engine/index.ts';
import { timed } from './measure.ts';
import { meteringKernel, type MeteringKernel } from './meteringKernels.ts';

interface KernelMeasurement {
  cpuMs: number;
  wallMs: number;
  /** Instructions the engine charged for the timed work, every execution in it (null for raw runs). */
  instructions: string | null;
}

type Timing = 'first' | 'warm';

const USER = userPrincipal('bench').toText();
/** Every kernel's argument: Candid's empty tuple, which the Motoko kernel decodes and the WAT kernels ignore. */
const ARG = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);
const METHOD = 'run';

/** Runs `work` untimed twice first when warm; times the last run. */
function timedAt(timing: Timing, work: () => void): { cpuMs: number; wallMs: number } {
  if (timing === 'warm') { work(); work(); }
  return timed(work);
}

/**
 * `ic0` for a raw run: the argument reads `ARG`, a trap throws, everything else does nothing and returns zero of its
 * result type (from the engine's signature table: an i64 result must be a BigInt).
 */
function rawIc0Imports(module: WebAssembly.Module, memory: () => WebAssembly.Memory): WebAssembly.Imports {
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    const signature = IC0_SIGNATURES[name];
    const zero = signature?.results.length && resolveIc0Type(signature.results[0], false) === 'i64' ? 0n : 0;
    imports[from][name] = name === 'msg_arg_data_size' ? () => ARG.length
      : name === 'msg_arg_data_copy' ? (dst, offset, size) => { new Uint8Array(memory().buffer).set(ARG.subarray(offset, offset + size), dst); }
      : name === 'trap' ? () => { throw new Error('the kernel trapped'); }
      : () => zero;
  }
  return imports;
}

function rawInstance(module: WebAssembly.Module): WebAssembly.Instance {
  let instance: WebAssembly.Instance | null = null;
  instance = new WebAssembly.Instance(module, rawIc0Imports(module, () => instance!.exports[RAW_MEMORY_EXPORT] as WebAssembly.Memory));
  return instance;
}

/** The memory's export in the raw module (`withMemoryExport`): moc does not export it, the host needs it. */
const RAW_MEMORY_EXPORT = '__raw_memory';

const leb = (value: number): number[] => {
  const out: number[] = [];
  do { out.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0)); value >>>= 7; } while (value > 0);
  return out;
};

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: pos };
    shift += 7;
  }
}

/**
 * `wasm` with its memory (if it defines one) also exported as `RAW_MEMORY_EXPORT`, appended to the export section
 * (every kernel has one).
 */
function withMemoryExport(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const sections: { id: number; start: number; end: number }[] = [];
  for (let pos = 8; pos < wasm.length;) {
    const size = readLeb(wasm, pos + 1);
    sections.push({ id: wasm[pos], start: pos, end: size.next + size.value });
    pos = size.next + size.value;
  }
  if (!sections.some((section) => section.id === 5)) return wasm.slice() as Uint8Array<ArrayBuffer>;
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const size = readLeb(wasm, pos + 1);
    const end = size.next + size.value;
    if (id === 7) {
      const count = readLeb(wasm, size.next);
      const name = [...new TextEncoder().encode(RAW_MEMORY_EXPORT)];
      const payload = [...leb(count.value + 1), ...wasm.subarray(count.next, end), ...leb(name.length), ...name, 0x02, 0x00];
      return new Uint8Array([...wasm.subarray(0, pos), 7, ...leb(payload.length), ...payload, ...wasm.subarray(end)]);
    }
    pos = end;
  }
  throw new Error('bench: the kernel has no export section');
}

function measureRaw(kernel: MeteringKernel, original: Uint8Array, timing: Timing): KernelMeasurement {
  const wasm = withMemoryExport(original);
  if (kernel.entry === 'init') {
    return { ...timedAt(timing, () => { (rawInstance(new WebAssembly.Module(wasm)).exports.canister_init as () => void)(); }), instructions: null };
  }
  const instance = rawInstance(new WebAssembly.Module(wasm));
  (instance.exports.canister_init as (() => void) | undefined)?.();
  const work = kernel.entry === 'callback'
    ? () => (instance.exports.kernel_callback as (env: number) => void)(0)
    : instance.exports[`canister_update ${METHOD}`] as () => void;
  return { ...timedAt(timing, work), instructions: null };
}

function measureEngine(kernel: MeteringKernel, wasm: Uint8Array, timing: Timing): KernelMeasurement {
  const config = createSubnetConfig('ic');
  if (!config.ok) throw new Error(config.error);
  const subnet = new Subnet(config.config);
  const id = subnet.createCanister({ controllers: [USER], cycles: 10n ** 18n });
  const install = (mode: 'install' | 'reinstall') => {
    const installed = subnet.installCode(id, USER, mode, wasm, ARG);
    if (!installed.ok) throw new Error(installed.reject.message);
  };
  let installs = 0;
  const work = kernel.entry === 'init' ? () => install(installs++ === 0 ? 'install' : 'reinstall') : () => {
    const messageId = subnet.submitIngress({ sender: USER, receiver: id, method: METHOD, arg: ARG });
    while (!subnet.isIdle()) subnet.executeRound();
    const record = subnet.ingress(messageId);
    if (record?.status !== 'replied') throw new Error(`kernel message ended ${record?.status}: ${JSON.stringify(record?.reject)}`);
  };
  if (kernel.entry !== 'init') install('install');
  if (timing === 'warm') { work(); work(); }
  const traceStart = subnet.state.trace.length;
  const time = timed(work);
  let instructions = 0n;
  for (const event of subnet.state.trace.slice(traceStart)) if (event.kind === 'execution') instructions += event.instructions;
  return { ...time, instructions: instructions.toString() };
}

function main(): void {
  const [name, mode, timing, file] = process.argv.slice(2);
  if (!name || (mode !== 'raw' && mode !== 'engine') || (timing !== 'first' && timing !== 'warm') || !file) {
    throw new Error('usage: meteringKernel.ts <kernel> raw|engine first|warm <file.wasm>');
  }
  const kernel = meteringKernel(name);
  const wasm = new Uint8Array(readFileSync(file));
  console.log(JSON.stringify(mode === 'raw' ? measureRaw(kernel, wasm, timing) : measureEngine(kernel, wasm, timing)));
}

main();
