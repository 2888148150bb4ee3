import { describe, expect, it } from 'vitest';
import { prepared, wat } from './testSupport.ts';

describe('[wasm/instanceState] a module that keeps its instance (it cannot be put to sleep)', () => {
  it.each<[string, string, boolean]>([
    ['memory, globals and active segments only', '(memory 1) (global (mut i64) (i64.const 0)) (data (i32.const 0) "x") (func (export "f"))', false],
    ['a passive data segment it only copies from', '(memory 1) (data "x") (func (export "f") (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))', false],
    ['data.drop', '(memory 1) (data "x") (func (export "f") (data.drop 0))', true],
    ['elem.drop', '(table 1 funcref) (elem func $f) (func $f (export "f") (elem.drop 0))', true],
    ['a mutable v128 global (JavaScript cannot read it)', '(global (mut v128) (v128.const i64x2 0 0)) (func (export "f"))', true],
  ])('%s', async (_, body, keeps) => {
    expect(prepared(await wat(`(module ${body})`)).info.keepsInstance).toBe(keeps);
  });
});
