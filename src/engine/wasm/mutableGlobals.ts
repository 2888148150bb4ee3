/**
 * The module's own mutable globals, described for the inspector: the state a canister keeps in globals, which
 * commits and rolls back with its heap. Only the module's globals: the instrumenter appends its own (instruction
 * counter, write barrier, call depth) after them, so they are never among these.
 */
import { readGlobalNames } from './readGlobalNames.ts';
import { EXTERNAL_KIND, VALTYPE, type WasmModule } from './wasmModule.ts';

export type GlobalTypeName = keyof typeof VALTYPE;

export interface MutableGlobal {
  /** Its index among the module's globals (a canister imports none: `validateImports.ts`). */
  readonly index: number;
  /** Its `$name` in the name section, else the name it is exported under, else null. */
  readonly name: string | null;
  readonly type: GlobalTypeName;
}

const TYPE_NAMES = new Map(Object.entries(VALTYPE).map(([name, byte]) => [byte as number, name as GlobalTypeName]));

/** Every mutable global, in index order (the order of `CanisterModuleInfo.persistentGlobals`). */
export function mutableGlobals(module: WasmModule): MutableGlobal[] {
  const names = new Map(readGlobalNames(module));
  for (const exp of module.exports) {
    if (exp.kind === EXTERNAL_KIND.global && !names.has(exp.index)) names.set(exp.index, exp.name);
  }
  const described: MutableGlobal[] = [];
  module.globals.forEach((global, index) => {
    if (global.mutable) described.push({ index, name: names.get(index) ?? null, type: TYPE_NAMES.get(global.valType)! });
  });
  return described;
}
