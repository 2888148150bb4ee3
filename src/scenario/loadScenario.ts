/**
 * Turns a validated scenario into what the runner needs: compiled Wasm for every canister and install step,
 * and every name resolved to a principal. Unusable input becomes one message naming the place
 * (SCENARIO.md "The headless runner": step index, canister name, WAT line:column).
 */
import {
  canisterIdFromIndex, compileWat, MANAGEMENT_CANISTER_ID, moduleHash, parsePrincipalText, userPrincipal,
} from '../engine/index.ts';
import type { Scenario, Source, Step } from './scenarioTypes.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { motokoProjectKey } from '../motoko/motokoProjectKey.ts';
import type { MotokoModules } from './compileMotokoSources.ts';
import { motokoProjectOf } from './motokoProjectOf.ts';

/**
 * Reads a `{ "path": … }` source relative to the scenario file; only the CLI can. Null, or why (a few words: "no
 * such file or directory", a size over the runner's limit), when the file cannot be read.
 */
export type ReadSource = (path: string) => Uint8Array | string | null;

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Name → principal text, users then canisters (the report's `principals`); `deploy` steps add theirs. */
  readonly principals: Record<string, string>;
  /** Compiled module of each canister, by name. */
  readonly canisterWasm: ReadonlyMap<string, Uint8Array>;
  /** Compiled module of each install_code step, by step index (steps applied later are added). */
  readonly stepWasm: Map<number, Uint8Array>;
  /**
   * The `$names` of globals in the WAT sources, by the hash of the module compiled from them (the inspector's names:
   * wat2wasm writes no name section, so the installed module has none). Modules of the same bytes from sources that
   * name their globals differently keep the names of the first.
   */
  readonly globalNames: Map<string, ReadonlyMap<number, string>>;
  /** The Motoko sources compiled so far (`compileMotokoSources`, before loading and before a step is applied). */
  readonly motokoWasm: MotokoModules;
}

export type LoadResult = { ok: true; loaded: LoadedScenario } | { ok: false; error: string };

/** `motokoWasm` holds the scenario's Motoko sources, compiled (`compileMotokoSources`): loading is synchronous. */
export function loadScenario(scenario: Scenario, readSource?: ReadSource, motokoWasm: MotokoModules = new Map()): LoadResult {
  const principals: Record<string, string> = {};
  for (const user of scenario.users) principals[user] = userPrincipal(user).toText();
  scenario.canisters.forEach((c, i) => { principals[c.name] = canisterIdFromIndex(BigInt(i)).toText(); });

  const globalNames = new Map<string, ReadonlyMap<number, string>>();
  const canisterWasm = new Map<string, Uint8Array>();
  // Canisters with the same WAT get the same bytes: compiled once here, and prepared once by the engine.
  const byWat = new Map<string, WasmResult>();
  for (const canister of scenario.canisters) {
    const { source } = canister;
    const wat = 'wat' in source ? source.wat : null;
    const known = wat !== null ? byWat.get(wat) : undefined;
    const wasm = known ?? sourceToWasm(source, readSource, motokoWasm);
    if (wat !== null) byWat.set(wat, wasm);
    if (!wasm.ok) return { ok: false, error: `canister "${canister.name}": ${wasm.error}` };
    if (!known) rememberGlobalNames(globalNames, wasm);
    canisterWasm.set(canister.name, wasm.bytes);
  }
  const stepWasm = new Map<number, Uint8Array>();
  for (const [index, step] of scenario.steps.entries()) {
    if (!stepHasSource(step)) continue;
    const wasm = compileStepSource(step, index, readSource, motokoWasm);
    if (!wasm.ok) return wasm;
    rememberGlobalNames(globalNames, wasm);
    stepWasm.set(index, wasm.bytes);
  }
  return { ok: true, loaded: { scenario, principals, canisterWasm, stepWasm, globalNames, motokoWasm } };
}

/** A compiled source; one from WAT carries the `$names` of its globals. */
export type WasmResult = { ok: true; bytes: Uint8Array; globalNames?: ReadonlyMap<number, string> } | { ok: false; error: string };

/** Keeps the global names a WAT source gave (`LoadedScenario.globalNames`). */
export function rememberGlobalNames(names: Map<string, ReadonlyMap<number, string>>, wasm: Extract<WasmResult, { ok: true }>): void {
  if (!wasm.globalNames || wasm.globalNames.size === 0) return;
  const hash = moduleHash(wasm.bytes);
  if (!names.has(hash)) names.set(hash, wasm.globalNames);
}

/** Steps that carry code: install_code `manage` steps and `deploy` steps. */
export function stepHasSource(step: Step): boolean {
  return ('manage' in step && step.manage.method === 'install_code') || 'deploy' in step;
}

/** Compiles the module of an install_code `manage` step or a `deploy` step; errors name the step. */
export function compileStepSource(step: Step, index: number, readSource?: ReadSource, motokoWasm: MotokoModules = new Map()): WasmResult {
  if ('deploy' in step) {
    const wasm = sourceToWasm(step.deploy.source, readSource, motokoWasm);
    return wasm.ok ? wasm : { ok: false, error: `step ${index} (deploy): canister "${step.deploy.name}": ${wasm.error}` };
  }
  if (!('manage' in step)) return { ok: false, error: `step ${index}: carries no code` };
  if (!step.manage.source) return { ok: false, error: `step ${index} (manage): install_code needs a "source"` };
  const wasm = sourceToWasm(step.manage.source, readSource, motokoWasm);
  return wasm.ok ? wasm : { ok: false, error: `step ${index} (manage): ${wasm.error}` };
}

function sourceToWasm(source: Source, readSource: ReadSource | undefined, motokoWasm: MotokoModules): WasmResult {
  if ('wat' in source) return watToWasm(source.wat, '');
  if ('wasm' in source) return base64ToBytes(source.wasm);
  if ('motoko' in source) return compiledMotoko(source, readSource, motokoWasm);
  if (!readSource) return { ok: false, error: `source "${source.path}" is a file path, which only the command-line runner can read` };
  const bytes = readSource(source.path);
  if (bytes === null || typeof bytes === 'string') return { ok: false, error: `cannot read source file "${source.path}"${bytes ? `: ${bytes}` : ''}` };
  if (source.path.endsWith('.mo')) return compiledMotoko(source, readSource, motokoWasm);
  if (!source.path.endsWith('.wat')) return { ok: true, bytes };
  return watToWasm(new TextDecoder().decode(bytes), `${source.path}:`);
}

/** A Motoko source's module, compiled before loading (`compileMotokoSources`). */
function compiledMotoko(source: Source, readSource: ReadSource | undefined, motokoWasm: MotokoModules): WasmResult {
  const project = motokoProjectOf(source, readSource);
  const compiled = project && motokoWasm.get(motokoProjectKey(project));
  return compiled ?? { ok: false, error: 'the Motoko source has not been compiled (a bug: it is compiled before loading)' };
}

function watToWasm(text: string, where: string): WasmResult {
  const compiled = compileWat(text);
  if (compiled.ok) return { ok: true, bytes: compiled.wasm, globalNames: compiled.globalNames };
  const [first] = compiled.errors;
  return { ok: false, error: withMoreErrors(`${where}${first.line}:${first.column}: ${first.message}`, compiled.errors.length) };
}

/** The first of `count` errors, and how many more there are: one message, the first thing to fix. */
export function withMoreErrors(first: string, count: number): string {
  return count > 1 ? `${first} (and ${count - 1} more error${count > 2 ? 's' : ''})` : first;
}

function base64ToBytes(text: string): WasmResult {
  const bytes = decodeBase64(text);
  return bytes ? { ok: true, bytes } : { ok: false, error: 'source.wasm is not valid base64' };
}

/** A user or canister name, `"ic"` for the management canister, or principal text. */
export function resolvePrincipal(loaded: LoadedScenario, nameOrText: string): string | null {
  if (nameOrText === 'ic') return MANAGEMENT_CANISTER_ID.toText();
  if (Object.prototype.hasOwnProperty.call(loaded.principals, nameOrText)) return loaded.principals[nameOrText];
  const parsed = parsePrincipalText(nameOrText);
  return parsed.ok ? parsed.principal.toText() : null;
}
