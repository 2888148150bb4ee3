import { describe, expect, it } from 'vitest';
import { compileWat, initWat } from '../wat/compileWat.ts';
import { parseModule } from './parseModule.ts';
import { leb, nameBytes, prepared, wat, withCustomSection } from './testSupport.ts';

const module = (fields: string): string => `(module ${fields})`;

/** A module without a name section (`wat` writes one), to add a hand-made one to. */
async function nameless(fields: string): Promise<Uint8Array> {
  await initWat();
  const compiled = compileWat(module(fields));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.wasm;
}

describe('mutableGlobals: the module\'s own mutable globals, named and typed', () => {
  it.each([
    ['named in the source (name section)', '(global $count (mut i64) (i64.const 0))', [{ index: 0, name: 'count', type: 'i64' }]],
    ['exported', '(global (export "total") (mut i32) (i32.const 0))', [{ index: 0, name: 'total', type: 'i32' }]],
    ['unnamed', '(global (mut f32) (f32.const 0))', [{ index: 0, name: null, type: 'f32' }]],
    ['named and exported: the source name', '(global $inner (export "outer") (mut f64) (f64.const 0))', [{ index: 0, name: 'inner', type: 'f64' }]],
    ['immutable ones left out, indices kept', '(global $k i32 (i32.const 1)) (global $m (mut i64) (i64.const 0))', [{ index: 1, name: 'm', type: 'i64' }]],
    ['no globals: none of the instrumenter\'s (counter, barrier, call depth)', '(memory 1) (func (export "canister_update f"))', []],
    ['v128 described (the inspector leaves it out)', '(global $v (mut v128) (v128.const i64x2 0 0))', [{ index: 0, name: 'v', type: 'v128' }]],
  ])('%s', async (_, fields, expected) => {
    expect(prepared(await wat(module(fields))).info.mutableGlobals).toEqual(expected);
  });

  it('a malformed name section gives no names, and the module is still accepted', async () => {
    const bare = await nameless('(global (export "kept") (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0))');
    const malformed = withCustomSection(bare, 'name', [7, ...leb(40), 1]);
    expect(prepared(malformed).info.mutableGlobals.map((g) => g.name)).toEqual(['kept', null]);
  });

  it('reads the global names subsection of a hand-made name section', async () => {
    const bare = await nameless('(global (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0))');
    const globalNames = [...leb(1), ...leb(1), ...nameBytes('second')];
    const named = withCustomSection(bare, 'name', [7, ...leb(globalNames.length), ...globalNames]);
    expect(prepared(named).info.mutableGlobals.map((g) => g.name)).toEqual([null, 'second']);
  });
});

describe('compileWat: the source\'s global names beside a module without a name section', () => {
  it.each([
    ['named', '(global $count (mut i64) (i64.const 0))', [[0, 'count']]],
    ['unnamed and exported', '(global (export "g") (mut i32) (i32.const 0))', []],
    ['several', '(global $a i32 (i32.const 0)) (global (mut i32) (i32.const 0)) (global $c (mut f64) (f64.const 0))', [[0, 'a'], [2, 'c']]],
  ])('%s', async (_, fields, expected) => {
    await initWat();
    const compiled = compileWat(module(fields));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect([...compiled.globalNames]).toEqual(expected);
    expect(parseModule(compiled.wasm).customs, 'no name section: the bytes (and hash) are wat2wasm\'s').toEqual([]);
  });
});
