/**
 * Fast copies: a second instrumented copy of every function of a module with a memory, for executions the host
 * expects to be long (the host's side: `canister/canisterRuntime.ts`). The module's own instrumented functions
 * write the instruction counter to its global at every charge (a trap may happen anywhere, and the host then
 * reads it) and put the write barrier before every store (the host journals each page before its first write).
 * Both cost about as much as the work in a tight loop over memory (BENCHMARKS.md, issue #5). A fast copy has
 * neither:
 *
 * - it writes the counter to the global only before calls (of the host, of another function, of the charging
 *   helper, `memory.grow`) and at its exits, and in the out-of-instructions check before it traps;
 * - it has no write barrier: the host journals the whole heap before running it.
 *
 * So a fast copy computes exactly what its original computes and charges exactly the same instructions, and the
 * counter is right wherever the host or another function can read it, except after a trap. The host therefore
 * replays, with the original functions and from the same starting state, any execution of a fast copy that ends
 * in a trap other than running out of instructions; the replay's result is the execution's result.
 *
 * Direct calls in a fast copy go to fast copies; `call_indirect` and `ref.func` keep the original functions (a
 * table's entries are the module's own), which are correct anywhere, only slower. Each exported function is
 * exported a second time as `FAST_EXPORT_PREFIX + name`, pointing at its fast copy.
 */
import { countImports, type WasmModule } from './wasmModule.ts';
import { STORE_VALUE_TYPES, writeBarrierLayout } from './writeBarrier.ts';

/**
 * Instructions a fast copy runs once, and is then rolled back, before its first real execution, so that V8 has
 * compiled its optimized code by then (`canister/canisterRuntime.ts` `warmUp`): about 10 ms, enough to use up V8's
 * tier-up budget in any loop. Ours; it changes no result.
 */
export const FAST_PATH_WARM_UP_INSTRUCTIONS = 10_000_000n;

/** Prefix of the fast copies' exports (reserved: a canister export would clash). */
export const FAST_EXPORT_PREFIX = '__fast ';

/**
 * Function index of the first fast copy, or null when the module gets none (no memory: no barrier to leave out,
 * and the write-through alone is not worth a second copy of the code). The copies follow the charging helper, the
 * mark function and its pass-through variants, in code-section order.
 */
export function fastCopyBase(module: WasmModule): number | null {
  const barrier = writeBarrierLayout(module);
  if (barrier === null) return null;
  return barrier.markFn + 1 + STORE_VALUE_TYPES.length;
}

/** Fast copy of the defined function `funcIndex` (original index space), or null for an import. */
export function fastCopyIndex(module: WasmModule, base: number, funcIndex: number): number | null {
  const imported = countImports(module, 'func');
  return funcIndex < imported ? null : base + funcIndex - imported;
}
