/**
 * The names a module's `name` custom section gives its globals: subsection 7 of the extended name section, which
 * `wat2wasm --debug-names` writes for `(global $count …)`. Debugging data, so a malformed section gives no names
 * rather than an error (as `remapNameSection` drops it).
 */
import { createReader, readName, readU32, readU8 } from './binaryReader.ts';
import type { WasmModule } from './wasmModule.ts';

const GLOBAL_NAMES = 7;

/** Global index → name, from the module's first `name` section. */
export function readGlobalNames(module: WasmModule): ReadonlyMap<number, string> {
  const section = module.customs.find((custom) => custom.name === 'name');
  if (!section) return new Map();
  const names = new Map<number, string>();
  const r = createReader(module.bytes, section.payloadStart, section.payloadEnd);
  try {
    while (r.pos < r.end) {
      const id = readU8(r);
      const end = readU32(r) + r.pos;
      if (end > r.end) return new Map();
      if (id === GLOBAL_NAMES) {
        const sub = createReader(module.bytes, r.pos, end);
        for (let count = readU32(sub); count > 0; count--) names.set(readU32(sub), readName(sub));
      }
      r.pos = end;
    }
  } catch {
    return new Map();
  }
  return names;
}
