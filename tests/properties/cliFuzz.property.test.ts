/**
 * [cli/fuzz] Whatever the input — mutated scenario JSON, broken WAT, random Wasm bytes, the examples' real modules
 * with bytes flipped, inserted or deleted, their WAT with tokens dropped or repeated — the runner answers exit 0
 * (it ran) or 2 (unusable input, one message, nothing on stdout), never 1 (a runner bug).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInMemory } from '../cli/runnerFixtures.ts';
import { compileWat, initWat } from '../../src/engine/index.ts';
import { propertyParams, propertyTimeout } from './propertyParams.ts';

const BASE = JSON.parse(readFileSync(new URL('../../examples/trap-rollback.json', import.meta.url), 'utf8'));
BASE.canisters[0].source = { wat: readFileSync(new URL('../../examples/trap-rollback.wat', import.meta.url), 'utf8') };

const run = (stdin: string) => runInMemory(['run', '-'], stdin);

function expectContract({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }): void {
  expect([0, 2, 3], stderr).toContain(code);
  if (code === 2) {
    expect(stdout).toBe('');
    expect(stderr.trim().length).toBeGreaterThan(0);
  } else {
    const report = JSON.parse(stdout);
    expect(report.format).toBe('canister-playground/report@1');
    // 3 exactly when an expectation of its steps failed (a mutation may give a step an `expect`).
    expect((report.expectations ?? []).some((e: { pass: boolean }) => !e.pass)).toBe(code === 3);
  }
}

/** Replaces the value at a random path of a JSON value with a random JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[path[0] % entries.length];
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  copy[key] = mutate(child, path.slice(1), replacement);
  return copy;
}

describe('[cli/fuzz] exit codes', () => {
  it('mutated scenario JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), async (path, replacement) => {
      expectContract(await run(JSON.stringify(mutate(BASE, path, replacement))));
    }), propertyParams({ numRuns: 150, seed: 5 }));
  }, propertyTimeout);

  it('truncated and garbled text', async () => {
    const text = JSON.stringify(BASE);
    await fc.assert(fc.asyncProperty(fc.nat({ max: text.length }), fc.string({ maxLength: 8 }), async (cut, junk) => {
      expectContract(await run(text.slice(0, cut) + junk + text.slice(cut + junk.length)));
    }), propertyParams({ numRuns: 150, seed: 6 }));
  }, propertyTimeout);

  it('random Wasm bytes and mutated WAT as canister sources', async () => {
    const wat = BASE.canisters[0].source.wat as string;
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: wat.length }), fc.string({ maxLength: 4 }), async (bytes, at, junk) => {
      const wasm = Buffer.concat([Buffer.from('0061736d01000000', 'hex'), Buffer.from(bytes)]).toString('base64');
      expectContract(await run(JSON.stringify({ ...BASE, canisters: [{ name: 'x', source: { wasm } }], steps: [] })));
      const mutated = wat.slice(0, at) + junk + wat.slice(at + junk.length);
      expectContract(await run(JSON.stringify({ ...BASE, canisters: [{ ...BASE.canisters[0], source: { wat: mutated } }] })));
    }), propertyParams({ numRuns: 100, seed: 7 }));
  }, propertyTimeout);
});

/** Every example scenario with its WAT sources inlined, and the Wasm each source compiles to. */
await initWat();
const EXAMPLES = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json')).map((file) => {
  const wats: string[] = [];
  const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
  const scenario = JSON.parse(text, (_key, value) => {
    if (typeof value?.path !== 'string') return value;
    const source = readFileSync(new URL(`../../examples/${value.path}`, import.meta.url), 'utf8');
    // Motoko is inlined as Motoko and left alone: the properties below mutate WAT sources and their Wasm.
    if (value.path.endsWith('.mo')) return { motoko: source };
    wats.push(source);
    return { wat: source };
  });
  const wasms = wats.map((wat) => {
    const compiled = compileWat(wat);
    if (!compiled.ok) throw new Error(`${file}: ${compiled.errors[0].message}`);
    return compiled.wasm;
  });
  return { file, scenario, wats, wasms };
});

/** Replaces the `n`-th source (in document order) of a scenario. */
function withSource(scenario: unknown, n: number, source: object): unknown {
  let seen = 0;
  return JSON.parse(JSON.stringify(scenario), (_key, value) => (typeof value?.wat === 'string' && seen++ === n ? source : value));
}

const edit = fc.record({ at: fc.nat(), how: fc.constantFrom('flip', 'insert', 'delete'), value: fc.integer({ min: 1, max: 255 }) });
type Edit = { at: number; how: 'flip' | 'insert' | 'delete'; value: number };

function applyEdits<T>(items: readonly T[], edits: readonly Edit[], make: (value: number, old: T) => T): T[] {
  const out = [...items];
  for (const { at, how, value } of edits) {
    const i = at % Math.max(out.length, 1);
    if (how === 'flip' && out.length > 0) out[i] = make(value, out[i]);
    else if (how === 'insert') out.splice(i, 0, make(value, out[i]));
    else out.splice(i, 1);
  }
  return out;
}

describe('[cli/fuzz] mutated real modules', () => {
  // Examples with WAT to mutate (a Motoko-only example has none).
  const withWat = EXAMPLES.filter((ex) => ex.wats.length > 0);
  const example = fc.nat().map((i) => withWat[i % withWat.length]);

  it("the examples' Wasm with bytes flipped, inserted or deleted", async () => {
    await fc.assert(fc.asyncProperty(example, fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), async (ex, which, edits) => {
      const n = which % ex.wasms.length;
      const bytes = applyEdits(Array.from(ex.wasms[n]), edits, (value, old) => ((old ?? 0) ^ value) & 0xff);
      const wasm = Buffer.from(Uint8Array.from(bytes)).toString('base64');
      expectContract(await run(JSON.stringify(withSource(ex.scenario, n, { wasm }))));
    }), propertyParams({ numRuns: 120, seed: 8 }));
  }, propertyTimeout);

  it("the examples' WAT with tokens dropped, repeated or swapped for another of the module", async () => {
    await fc.assert(fc.asyncProperty(example, fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), async (ex, which, edits) => {
      const n = which % ex.wats.length;
      const tokens = ex.wats[n].split(/(?<=[\s()])|(?=[\s()])/);
      const mutated = applyEdits(tokens, edits, (value) => tokens[value % tokens.length]).join('');
      expectContract(await run(JSON.stringify(withSource(ex.scenario, n, { wat: mutated }))));
    }), propertyParams({ numRuns: 120, seed: 9 }));
  }, propertyTimeout);
});
