/**
 * Canister rules for the import section (ic-reference.md §1.1, §2.3; VALID `validate_import_section`):
 * functions only from `ic0` with the exact signatures of `ic0Signatures.ts` (wasm32-only ones refused for
 * wasm64), memory only as `env.memory`, table only as `env.table`, no globals, no tags. Messages use the
 * replica's wording.
 */
import { IC0_SIGNATURES, IC0_WASM32_ONLY, resolveIc0Type } from '../systemApi/ic0Signatures.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { VALTYPE, valTypeName, type FuncType, type Import } from './wasmModule.ts';

export interface ImportSummary {
  /** Names of the `ic0` functions imported, in import order, without repeats. */
  ic0Imports: string[];
  /** The `env.table` import, if any. */
  importsTable: { initial: number; maximum: number | null } | null;
}

function importError(detail: string): CanisterModuleError {
  return new CanisterModuleError(`Wasm module has an invalid import section. ${detail}`);
}

function listTypes(types: readonly number[]): string {
  return `[${types.map(valTypeName).join(', ')}]`;
}

function sameTypes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * The replica's `validate_function_signature` message, used for imports and entry points alike:
 * params are compared first, then results.
 */
export function checkFunctionSignature(field: string, actual: FuncType, params: number[], results: number[]): void {
  if (!sameTypes(actual.params, params)) {
    throw new CanisterModuleError(
      `Wasm module has an invalid function signature. Expected input params ${listTypes(params)} for '${field}', ` +
        `got ${listTypes(actual.params)}.`,
    );
  }
  if (!sameTypes(actual.results, results)) {
    throw new CanisterModuleError(
      `Wasm module has an invalid function signature. Expected return type ${listTypes(results)} for '${field}', ` +
        `got ${listTypes(actual.results)}.`,
    );
  }
}

function checkFunctionImport(imp: Import, type: FuncType, memory64: boolean): void {
  const known = Object.hasOwn(IC0_SIGNATURES, imp.name) && !(memory64 && IC0_WASM32_ONLY.has(imp.name));
  if (!known) {
    const only32 = memory64 && IC0_WASM32_ONLY.has(imp.name) ? ' (it is only available to 32-bit modules)' : '';
    throw importError(`Module imports function '${imp.name}' from '${imp.module}' that is not exported by the runtime${only32}.`);
  }
  if (imp.module !== 'ic0') {
    throw importError(`Module imports function "${imp.name}" from "${imp.module}", expected to be imported from one of ["ic0"] instead.`);
  }
  const sig = IC0_SIGNATURES[imp.name];
  const resolve = (t: (typeof sig.params)[number]): number => (resolveIc0Type(t, memory64) === 'i64' ? VALTYPE.i64 : VALTYPE.i32);
  checkFunctionSignature(imp.name, type, sig.params.map(resolve), sig.results.map(resolve));
}

export function validateImports(imports: readonly Import[], types: readonly FuncType[], memory64: boolean): ImportSummary {
  const ic0Imports: string[] = [];
  let importsTable: ImportSummary['importsTable'] = null;
  for (const imp of imports) {
    const { desc } = imp;
    switch (desc.kind) {
      case 'func':
        checkFunctionImport(imp, types[desc.typeIndex], memory64);
        if (!ic0Imports.includes(imp.name)) ic0Imports.push(imp.name);
        break;
      case 'table':
        if (imp.module !== 'env' || imp.name !== 'table') throw importError('Only tables imported from env.table are allowed.');
        importsTable = { initial: desc.table.limits.initial, maximum: desc.table.limits.maximum };
        break;
      case 'memory':
        if (imp.module !== 'env' || imp.name !== 'memory') throw importError('Only memory imported from env.memory is allowed.');
        break;
      case 'global':
        throw importError('Importing globals is not allowed.');
      case 'tag':
        throw importError('Importing tags is not allowed.');
    }
  }
  return { ic0Imports, importsTable };
}
