/**
 * Validation, instrumentation and V8 compilation of a canister module, done once per module bytes: a scenario
 * that installs the same code in twenty canisters (the loader hands them the same bytes) prepares and compiles
 * it once. Both results depend on the bytes alone and are never mutated (a compiled module is instantiated anew
 * for each canister), so sharing them changes nothing a canister can see. Keyed by the bytes object itself:
 * nothing is hashed, and an entry goes when its bytes do.
 */
import { prepareCanisterModule, type PreparedModule } from '../wasm/prepareCanisterModule.ts';

export type PreparedAndCompiled =
  | { ok: true; module: PreparedModule; compiled: WebAssembly.Module }
  | { ok: false; error: string };

const prepared = new WeakMap<Uint8Array, PreparedAndCompiled>();

export function prepareAndCompile(bytes: Uint8Array): PreparedAndCompiled {
  const known = prepared.get(bytes);
  if (known) return known;
  const result = prepareCanisterModule(bytes);
  prepared.set(bytes, result);
  return result;
}
