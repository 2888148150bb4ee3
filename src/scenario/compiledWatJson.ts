/**
 * Compiled WAT modules as a lesson chunk and a share link carry them (`seededWat.ts` says why): one entry per
 * distinct WAT source of the scenario, in the order the sources first appear (its canisters', then its steps'), so
 * the sources themselves are not repeated. An entry is null where a source has no module (it does not compile).
 */
import { compileWat, type CompiledWat } from '../engine/index.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { encodeBase64 } from './encodeBase64.ts';
import { scenarioSources } from './compileMotokoSources.ts';
import type { Scenario } from './scenarioTypes.ts';

export interface CompiledWatJson {
  /** The module, base64. */
  readonly wasm: string;
  /** The source's names of globals by index (`CompileWatResult.globalNames`). */
  readonly globalNames: readonly (readonly [number, string])[];
}

/** The scenario's WAT source texts, each once, in the order they first appear. */
export function distinctWatSources(scenario: Scenario): string[] {
  const texts = new Set<string>();
  for (const source of scenarioSources(scenario)) if ('wat' in source) texts.add(source.wat);
  return [...texts];
}

/** The scenario's WAT sources compiled, as a link or a lesson chunk carries them. The WAT compiler must have loaded (`initWat`). */
export function compiledWatOf(scenario: Scenario): (CompiledWatJson | null)[] {
  return distinctWatSources(scenario).map((wat) => {
    const compiled = compileWat(wat);
    return compiled.ok ? compiledWatToJson(compiled) : null;
  });
}

export function compiledWatToJson(compiled: Pick<CompiledWat, 'wasm' | 'globalNames'>): CompiledWatJson {
  return { wasm: encodeBase64(compiled.wasm), globalNames: [...compiled.globalNames] };
}

/**
 * The modules paired with the scenario's WAT sources. Anything malformed (not an array of the sources' length,
 * an entry that is not a module's shape) gives no modules at all: they are an optimisation, the sources compile.
 */
export function compiledWatFromJson(scenario: Scenario, json: unknown): CompiledWat[] {
  const sources = distinctWatSources(scenario);
  if (!Array.isArray(json) || json.length !== sources.length) return [];
  const modules: CompiledWat[] = [];
  for (const [index, entry] of json.entries()) {
    if (entry === null) continue;
    const module = readEntry(sources[index], entry);
    if (!module) return [];
    modules.push(module);
  }
  return modules;
}

function readEntry(wat: string, entry: unknown): CompiledWat | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { wasm, globalNames } = entry as Record<string, unknown>;
  const bytes = typeof wasm === 'string' ? decodeBase64(wasm) : undefined;
  if (!bytes || !Array.isArray(globalNames)) return null;
  const names = new Map<number, string>();
  for (const pair of globalNames) {
    if (!Array.isArray(pair) || pair.length !== 2 || !Number.isSafeInteger(pair[0]) || typeof pair[1] !== 'string') return null;
    names.set(pair[0] as number, pair[1]);
  }
  return { wat, wasm: bytes, globalNames: names };
}
