/**
 * Canister rules for the export section (ic-reference.md §2.2–2.3; VALID `validate_export_section`):
 * reserved symbols, the `canister_` prefix, `() -> ()` entry points, method names unique across
 * update/query/composite_query, and the method count and name-length limits. Also collects the entry
 * points for `CanisterModuleInfo`.
 */
import { CanisterModuleError } from './canisterModuleError.ts';
import { WRITE_BARRIER_EXPORTS } from './planExports.ts';
import { CALL_DEPTH_EXPORT } from './callDepth.ts';
import { checkFunctionSignature } from './validateImports.ts';
import { EXTERNAL_KIND, functionType, type WasmModule } from './wasmModule.ts';

/**
 * Symbols canisters may not export: the replica's (VALID `RESERVED_SYMBOLS`), plus the playground's write
 * barrier and call-depth exports, which the replica does not have.
 */
export const RESERVED_SYMBOLS: readonly string[] = [
  'canister counter_instructions', 'canister_start', 'canister counter_dirty_pages',
  'canister counter_accessed_pages', 'stable_memory', 'stable_bytemap_memory',
  ...WRITE_BARRIER_EXPORTS, CALL_DEPTH_EXPORT,
];

/** The system entry points (ic-reference.md §2.2); all must have type `() -> ()`. */
export const SYSTEM_ENTRY_POINTS: readonly string[] = [
  'canister_init', 'canister_pre_upgrade', 'canister_post_upgrade', 'canister_inspect_message',
  'canister_heartbeat', 'canister_global_timer', 'canister_on_low_wasm_memory',
];

/** EMBCFG `max_number_exported_functions` and `max_sum_exported_function_name_lengths`. */
export const MAX_EXPORTED_METHODS = 1_000;
export const MAX_SUM_EXPORTED_METHOD_NAME_LENGTHS = 20_000;

const UTF8 = new TextEncoder();
const METHOD_PREFIXES = ['canister_update ', 'canister_query ', 'canister_composite_query '] as const;

export interface ExportSummary {
  updateMethods: string[];
  queryMethods: string[];
  compositeQueryMethods: string[];
  /** Exported system entry points, e.g. `canister_init`. */
  entryPoints: Set<string>;
}

function exportError(detail: string): CanisterModuleError {
  return new CanisterModuleError(`Wasm module has an invalid export section. ${detail}`);
}

export function validateExports(module: WasmModule): ExportSummary {
  const summary: ExportSummary = { updateMethods: [], queryMethods: [], compositeQueryMethods: [], entryPoints: new Set() };
  const lists = [summary.updateMethods, summary.queryMethods, summary.compositeQueryMethods];
  const seenMethods = new Set<string>();
  let nameLengths = 0;
  for (const exp of module.exports) {
    if (RESERVED_SYMBOLS.includes(exp.name)) throw exportError(`Exporting reserved symbol ${exp.name} not allowed.`);
    if (exp.kind !== EXTERNAL_KIND.func) continue;
    const prefix = METHOD_PREFIXES.findIndex((p) => exp.name.startsWith(p));
    if (prefix >= 0) {
      // Everything after the single separating space is the method name (it may itself contain spaces).
      const method = exp.name.slice(METHOD_PREFIXES[prefix].length);
      if (seenMethods.has(method)) {
        throw new CanisterModuleError(
          `Duplicate function '${method}' exported multiple times with different call types: update, query, or composite_query.`,
        );
      }
      seenMethods.add(method);
      lists[prefix].push(method);
      nameLengths += UTF8.encode(method).length; // bytes, as the replica's `str::len`
    } else if (exp.name.startsWith('canister_')) {
      if (!SYSTEM_ENTRY_POINTS.includes(exp.name)) {
        throw exportError(`Exporting reserved function '${exp.name}' with "canister_" prefix`);
      }
      summary.entryPoints.add(exp.name);
    } else {
      continue; // an ordinary export: no signature rule
    }
    const type = functionType(module, exp.index);
    if (type) checkFunctionSignature(exp.name, type, [], []);
  }
  if (seenMethods.size > MAX_EXPORTED_METHODS) {
    throw new CanisterModuleError(
      'The number of exported functions called `canister_update <name>`, `canister_query <name>`, or ' +
        `\`canister_composite_query <name>\` is ${seenMethods.size} which exceeds ${MAX_EXPORTED_METHODS}.`,
    );
  }
  if (nameLengths > MAX_SUM_EXPORTED_METHOD_NAME_LENGTHS) {
    throw new CanisterModuleError(
      'The sum of `<name>` lengths in exported functions called `canister_update <name>`, `canister_query <name>`, ' +
        `or \`canister_composite_query <name>\` is ${nameLengths} which exceeds the allowed limit of ${MAX_SUM_EXPORTED_METHOD_NAME_LENGTHS}.`,
    );
  }
  return summary;
}
