import { describe, expect, it, vi } from 'vitest';

const COUNTER = '(module (global $count (mut i32) (i32.const 0)) (func (export "canister_update inc") (global.set $count (i32.const 1))))';
const OTHER = '(module (func (export "canister_query get")))';

/** A fresh copy of the compiler's module (wabt not loaded, no seeds): each test starts where a new worker does. */
async function freshCompiler() {
  vi.resetModules();
  const compiler = await import('./compileWat.ts');
  const seeds = await import('./seededWat.ts');
  return { ...compiler, ...seeds };
}

/** What the real compiler gives for `source`, from another fresh copy. */
async function realCompile(source: string) {
  const { initWat, compileWat } = await freshCompiler();
  await initWat();
  const result = compileWat(source);
  if (!result.ok) throw new Error('the fixture compiles');
  return result;
}

describe('[engine/wat/seededWat]', () => {
  it('answers a seeded source before wabt has loaded, and says when wabt is needed', async () => {
    const real = await realCompile(COUNTER);
    const { compileWat, seedCompiledWat, watCompilerNeeded } = await freshCompiler();
    expect(watCompilerNeeded([COUNTER])).toBe(true);
    expect(() => compileWat(COUNTER)).toThrow('before initWat');
    seedCompiledWat([{ wat: COUNTER, wasm: real.wasm, globalNames: real.globalNames }]);
    expect(watCompilerNeeded([COUNTER])).toBe(false);
    expect(watCompilerNeeded([COUNTER, OTHER])).toBe(true);
    expect(compileWat(COUNTER)).toEqual(real);
    expect(() => compileWat(OTHER)).toThrow('before initWat');
  });

  it.each([
    { name: 'the real module', forgotten: 0, seed: (real: Uint8Array) => real, names: undefined },
    { name: 'other bytes', forgotten: 1, seed: (real: Uint8Array) => Uint8Array.from([...real.subarray(0, -1), 0x0b ^ 1]), names: undefined },
    { name: 'the real bytes with other global names', forgotten: 1, seed: (real: Uint8Array) => real, names: new Map([[0, 'other']]) },
  ])('checks each seed against the real compile once wabt is there: $name is forgotten $forgotten times', async ({ forgotten, seed, names }) => {
    const real = await realCompile(COUNTER);
    const { checkSeededWat, compileWat, initWat, seedCompiledWat, watCompilerNeeded } = await freshCompiler();
    seedCompiledWat([{ wat: COUNTER, wasm: seed(real.wasm), globalNames: names ?? real.globalNames }]);
    expect(() => checkSeededWat()).toThrow('before initWat');
    await initWat();
    expect(checkSeededWat()).toHaveLength(forgotten);
    expect(watCompilerNeeded([COUNTER, OTHER])).toBe(false);
    // Once wabt is there every compile is the real one.
    expect(compileWat(COUNTER)).toEqual(real);
  });
});
