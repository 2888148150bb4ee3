/**
 * The fast module of a prepared module (`fastPath.ts`), built and compiled the first time an execution of it takes
 * the fast path, then kept with the prepared module (which every canister running the same bytes shares). None for
 * a module without a memory (no barrier to leave out, and the write-through alone is not worth a second module), nor
 * for one whose instances hold state the fast module's own instance would not share: a passive data segment (kept
 * by the canister's instance for `memory.init`), a segment its code can drop, or a v128 global (which JavaScript
 * cannot copy across); `keepsInstance` covers the last two.
 */
import { decompressModule } from './decompressModule.ts';
import { instrumentModule } from './instrumentModule.ts';
import { parseModule } from './parseModule.ts';
import { planExports } from './planExports.ts';
import type { PreparedModule } from './prepareCanisterModule.ts';

const fastModules = new WeakMap<PreparedModule, WebAssembly.Module | null>();

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
  return instrumentModule(module, planExports(module), 'fast').bytes;
}

function hasFastModule(prepared: PreparedModule): boolean {
  return prepared.info.memory !== null && !prepared.info.keepsInstance && !prepared.info.hasPassiveData;
}
