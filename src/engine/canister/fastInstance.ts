/**
 * A canister's instance of its module's fast module (`wasm/fastPath.ts`): made beside the canister's own instance,
 * on its memory and with its imports, by `CanisterRuntime`, which runs long executions in it.
 */
import { CALL_DEPTH_EXPORT } from '../wasm/callDepth.ts';
import { FAST_MEMORY_IMPORT } from '../wasm/fastPath.ts';
import { fastModuleOf } from '../wasm/fastModule.ts';
import { COUNTER_EXPORT, type PreparedModule } from '../wasm/prepareCanisterModule.ts';

/** The fast module's instance and the exports the host reads, by the names the canister's own instance has them. */
export interface FastInstance {
  readonly instance: WebAssembly.Instance;
  readonly counter: WebAssembly.Global;
  readonly callDepth: WebAssembly.Global;
  /** The mutable globals, in `persistentGlobals` order. */
  readonly globals: readonly WebAssembly.Global[];
}

/**
 * Instantiates the fast module of `prepared` with the imports the canister's instance was made with and its memory
 * (imported as the module imports it, or as `FAST_MEMORY_IMPORT` where the module defines it); null if the module
 * has no fast module (`wasm/fastModule.ts`).
 */
export function instantiateFastModule(prepared: PreparedModule, imports: WebAssembly.Imports, memory: WebAssembly.Memory): FastInstance | null {
  const module = fastModuleOf(prepared);
  if (module === null) return null;
  const withMemory: WebAssembly.Imports = prepared.info.memory?.imported ? imports
    : { ...imports, __: { ...imports.__, [FAST_MEMORY_IMPORT]: memory } };
  const instance = new WebAssembly.Instance(module, withMemory);
  const exports = instance.exports;
  return {
    instance,
    counter: exports[COUNTER_EXPORT] as WebAssembly.Global,
    callDepth: exports[CALL_DEPTH_EXPORT] as WebAssembly.Global,
    globals: prepared.info.persistentGlobals.map((name) => exports[name] as WebAssembly.Global),
  };
}

/** Sets each global of `to` to the value of the one at the same place in `from`. */
export function copyGlobalValues(from: readonly { value: unknown }[], to: readonly { value: unknown }[]): void {
  to.forEach((global, i) => { global.value = from[i].value; });
}
