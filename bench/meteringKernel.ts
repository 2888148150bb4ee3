/**
 * One measurement of the metering benchmark (`bench/metering.ts`), run in a fresh Node process so the raw and
 * the engine runs get the same V8 compiler tiers:
 *
 *   tsx bench/meteringKernel.ts <kernel> raw|engine
 *
 * `raw`: the kernel's WAT compiled with the engine's wabt and instantiated directly, stub `ic0` imports, the
 * method export called once to warm up (V8 tiers a Wasm function up between calls, never inside one) and
 * once timed. `engine`: the same bytes installed on an `ic` subnet, two ingress messages run to completion
 * (all their time slices) to warm up (the engine takes its fast path from the third execution of a long method on,
 * `wasm/fastPath.ts`), then one timed. Prints one JSON line: `{ cpuMs, wallMs, instructions }`.
 *
 * CPU time (`process.cpuUsage`, all threads of this process) is the figure to compare: on a shared machine
 * wall time also counts the time other processes held the core.
 */
import { readFileSync } from 'node:fs';
import { compileWat, createSubnetConfig, initWat, Subnet, userPrincipal } from '../src/engine/index.ts';
import { timed } from './measure.ts';

/** The kernels' method: a `canister_update` export, called without arguments. */
const KERNEL_METHOD = 'run';

interface KernelMeasurement {
  cpuMs: number;
  wallMs: number;
  /** Instructions the engine charged for the timed message (null for raw runs). */
  instructions: string | null;
}

const USER = userPrincipal('bench').toText();

function kernelWasm(kernel: string): Uint8Array {
  const source = readFileSync(new URL(`./kernels/${kernel}.wat`, import.meta.url), 'utf8');
  const compiled = compileWat(source);
  if (!compiled.ok) throw new Error(`${kernel}.wat: ${JSON.stringify(compiled.errors)}`);
  return compiled.wasm;
}

/** Every import is a function that does nothing and returns 0 (the kernels only import `ic0.msg_reply`). */
function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, () => number>> = {};
  for (const { module: name, name: field } of WebAssembly.Module.imports(module)) {
    imports[name] ??= {};
    imports[name][field] = () => 0;
  }
  return imports;
}

async function measureRaw(wasm: Uint8Array): Promise<KernelMeasurement> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, stubImports(module));
  const run = instance.exports[`canister_update ${KERNEL_METHOD}`] as () => void;
  run();
  return { ...timed(run), instructions: null };
}

function measureEngine(wasm: Uint8Array): KernelMeasurement {
  const config = createSubnetConfig('ic');
  if (!config.ok) throw new Error(config.error);
  const subnet = new Subnet(config.config);
  const id = subnet.createCanister({ controllers: [USER], cycles: 10n ** 18n });
  const installed = subnet.installCode(id, USER, 'install', wasm, new Uint8Array());
  if (!installed.ok) throw new Error(installed.reject.message);
  const send = (): number => {
    const messageId = subnet.submitIngress({ sender: USER, receiver: id, method: KERNEL_METHOD, arg: new Uint8Array() });
    while (!subnet.isIdle()) subnet.executeRound();
    const status = subnet.ingress(messageId)?.status;
    if (status !== 'replied') throw new Error(`kernel message ended ${status}: ${JSON.stringify(subnet.ingress(messageId)?.reject)}`);
    return messageId;
  };
  // Steady state of a method called again and again: the first message runs the module's own code (and V8
  // optimizes it), the second finds it long and warms up the fast copies (`wasm/fastPath.ts`), the third is timed.
  send();
  send();
  let messageId = 0;
  const time = timed(() => { messageId = send(); });
  const execution = subnet.state.trace.find((e) => e.kind === 'execution' && e.messageId === messageId);
  return { ...time, instructions: execution?.kind === 'execution' ? execution.instructions.toString() : null };
}

async function main(): Promise<void> {
  const [kernel, mode] = process.argv.slice(2);
  if (!kernel || (mode !== 'raw' && mode !== 'engine')) throw new Error('usage: meteringKernel.ts <kernel> raw|engine');
  await initWat();
  const wasm = kernelWasm(kernel);
  const result = mode === 'raw' ? await measureRaw(wasm) : measureEngine(wasm);
  console.log(JSON.stringify(result));
}

await main();
