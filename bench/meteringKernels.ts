/**
 * The metering benchmark's kernels (issue 16, target 4), in table order: each a compute-bound canister in
 * `bench/kernels/` and where its work runs. `update`: the `run` method; `init`: `canister_init` (an install);
 * `callback`: a reply callback (`run` calls the canister itself, the callback does the work).
 */
export type KernelEntry = 'update' | 'init' | 'callback';

export interface MeteringKernel {
  /** File name in `bench/kernels/` without its extension (`.wat`, or `.mo` for Motoko). */
  readonly name: string;
  readonly label: string;
  readonly entry: KernelEntry;
  readonly language: 'wat' | 'motoko';
}

const kernel = (name: string, label: string, entry: KernelEntry = 'update', language: 'wat' | 'motoko' = 'wat'): MeteringKernel =>
  ({ name, label, entry, language });

export const METERING_KERNELS: readonly MeteringKernel[] = [
  kernel('tight', 'tight arithmetic loop'),
  kernel('memorySequential', 'memory: sequential sweep over 16 pages'),
  kernel('memoryAlternating', 'memory: stores alternating between 2 pages'),
  kernel('memoryRandomPages', 'memory: stores to random pages of 16'),
  kernel('bigHeap', 'memory: sequential sweep over a 32 MiB heap'),
  kernel('calls', 'calls: 240 M calls of tiny functions'),
  kernel('recursion', 'recursion: fib(39), 204 M calls'),
  kernel('initSweep', 'the sequential sweep in `canister_init`', 'init'),
  kernel('callbackSweep', 'the sequential sweep in a reply callback', 'callback'),
  kernel('motokoSort', 'Motoko: sorting 100,000 Nats', 'update', 'motoko'),
];

export function meteringKernel(name: string): MeteringKernel {
  const found = METERING_KERNELS.find((k) => k.name === name);
  if (!found) throw new Error(`bench: no kernel ${name} (${METERING_KERNELS.map((k) => k.name).join(', ')})`);
  return found;
}
