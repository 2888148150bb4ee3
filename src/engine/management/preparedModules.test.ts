import { beforeAll, describe, expect, it } from 'vitest';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { prepareAndCompile } from './preparedModules.ts';

describe('[engine/management] prepareAndCompile', () => {
  let wasm: Uint8Array;
  beforeAll(async () => {
    await initWat();
    const compiled = compileWat('(module (memory 1) (func (export "canister_update f")))');
    if (!compiled.ok) throw new Error('fixture');
    wasm = compiled.wasm;
  });

  it('prepares and compiles the same bytes once', () => {
    const first = prepareAndCompile(wasm);
    expect(first.ok).toBe(true);
    expect(prepareAndCompile(wasm)).toBe(first);
  });

  it('equal bytes in another array are prepared again, to an equal module', () => {
    const a = prepareAndCompile(wasm);
    const b = prepareAndCompile(wasm.slice());
    expect(b).not.toBe(a);
    if (!a.ok || !b.ok) throw new Error('both valid');
    expect(b.module.instrumented).toEqual(a.module.instrumented);
    expect(b.module.info).toEqual(a.module.info);
  });

  it('an invalid module is an error value, the same every time', () => {
    const junk = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]);
    const result = prepareAndCompile(junk);
    expect(result.ok).toBe(false);
    expect(prepareAndCompile(junk)).toBe(result);
  });
});
