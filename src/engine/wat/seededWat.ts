/**
 * Modules compiled from WAT elsewhere (at build time for the lessons, by the page that made a share link), handed to
 * the engine with the sources they came from, so that a workspace can open before the WAT compiler (wabt, 220 KB
 * gzip) has loaded: the first graph does not wait for it (issue 16, target 7). They are trusted only until wabt is
 * there: `compileWat` then compiles for real, and `checkSeededWat` compares every seed with its real compile.
 */

/** One module and the source it was compiled from, as `compileWat` would give them. */
export interface CompiledWat {
  readonly wat: string;
  readonly wasm: Uint8Array;
  readonly globalNames: ReadonlyMap<number, string>;
}

const seeds = new Map<string, CompiledWat>();

/** Adds modules to the seeds (a source seeded again keeps its latest module). */
export function seedCompiledWat(modules: Iterable<CompiledWat>): void {
  for (const module of modules) seeds.set(module.wat, module);
}

/** The seed for this exact source text, if there is one. */
export function seededWat(source: string): CompiledWat | undefined {
  return seeds.get(source);
}

/** Every seed, for the check against the real compiler. */
export function allSeededWat(): CompiledWat[] {
  return [...seeds.values()];
}

export function forgetSeededWat(source: string): void {
  seeds.delete(source);
}
