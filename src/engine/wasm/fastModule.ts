/**
 * The fast module of a prepared module (`fastPath.ts`), built and compiled the first time an execution of it takes
 * the fast path, then kept with the prepared module (which every canister running the same bytes shares). None for
 * a module without a memory (no barrier to leave out, and the write-through alone is not worth a second module), nor
 * for one whose instances hold state the fast module's own instance would not share: a passive data segment (kept
 * by the canister's instance for `memory.init`), a segment its code can drop, or a v128 global (which JavaScript
 * cannot copy across; `keepsInstance` covers the last two). Nor for one that imports its table: the fast module's
 * element segments would fill the table the canister's instance shares with it with fast copies, which its own code
 * would then call.
 */
import { decompressModule } from './decompressModule.ts';
import { instrumentModule } from './instrumentModule.ts';
import { parseModule } from './parseModule.ts';
import { planExports } from './planExports.ts';
import type { PreparedModule } from './prepareCanisterModule.ts';

const fastModules = new WeakMap<PreparedModule, WebAssembly.Module | null>();
/** The entry points (`CanisterRuntime`'s keys) whose fast copy has run its warm-up, per prepared module. */
const warmedUp = new WeakMap<PreparedModule, Set<string>>();

/**
 * Whether the fast copy of `key` must be warmed up before it runs (`CanisterRuntime.warmUp`), once per prepared
 * module in the process: V8 optimizes a function of a compiled module for every instance of it, so a canister
 * installed again, or another running the same bytes, finds it optimized. The warm-up is undone whatever it did, so
 * where it happened changes no result. Notes it as done.
 */
export function needsWarmUp(prepared: PreparedModule, key: string): boolean {
  let keys = warmedUp.get(prepared);
  if (keys === undefined) warmedUp.set(prepared, (keys = new Set()));
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

/** The compiled fast module of `prepared`, or null if it has none. */
export function fastModuleOf(prepared: PreparedModule): WebAssembly.Module | null {
  const known = fastModules.get(prepared);
  if (known !== undefined) return known;
  const built = hasFastModule(prepared) ? compiled(fastModuleBytes(prepared)) : null;
  fastModules.set(prepared, built);
  return built;
}

/**
 * V8's module, or null should it refuse one (it accepted the module's own instrumentation, which has the same
 * functions and more code, at prepare time): the module then runs its own code, only slower.
 */
function compiled(bytes: Uint8Array): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  } catch {
    return null;
  }
}

/** The fast module's bytes (a module that was prepared is valid: nothing here can refuse it). */
export function fastModuleBytes(prepared: PreparedModule): Uint8Array {
  const module = parseModule(decompressModule(prepared.wasm));
  return instrumentModule(module, planExports(module), 'fast', prepared.checked).bytes;
}

function hasFastModule(prepared: PreparedModule): boolean {
  const { memory, keepsInstance, hasPassiveData, importsTable } = prepared.info;
  return memory !== null && !keepsInstance && !hasPassiveData && importsTable === null;
}
