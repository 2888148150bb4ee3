import { describe, expect, it } from 'vitest';
import { COUNTER_EXPORT, MEMORY_EXPORT, TABLE_EXPORT } from './prepareCanisterModule.ts';
import { fastModuleBytes } from './fastModule.ts';
import { instantiate, leb, moduleBytes, prepared, section, wat, withCustomSection } from './testSupport.ts';

/** Imports, direct and indirect calls, all element segment forms, ref.func, re-exported imports, start. */
const REMAP_WAT = `(module
  (import "ic0" "msg_arg_data_size" (func $size (result i32)))
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (memory (export "mem") 1)
  (type $ret (func (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $one $two)
  (elem (table 0) (i32.const 1) func $two)
  (elem (i32.const 2) funcref (ref.func $three) (ref.func $size))
  (elem declare func $four)
  (global $started (mut i32) (i32.const 0))
  (global $counter (mut i64) (i64.const 5))
  (global $const i32 (i32.const 9))
  (global $exported (export "visible") (mut i32) (i32.const 3))
  (func $one (result i32) i32.const 1)
  (func $two (result i32) i32.const 2)
  (func $three (result i32) i32.const 3)
  (func $four (result i32) i32.const 4)
  (func $init global.get $const global.set $started i32.const 0 i32.const 0 call $print)
  (start $init)
  (func (export "direct") (result i32) call $two call $size i32.add)
  (func (export "indirect") (param i32) (result i32) local.get 0 call_indirect (type $ret))
  (func (export "reffunc") (result i32) ref.func $four ref.is_null)
  (func (export "started") (result i32) global.get $started)
  (func $kaboom (export "boom") unreachable)
  (export "one" (func $one))
  (export "size" (func $size)))`;

const ic0 = { msg_arg_data_size: () => 40, debug_print: () => undefined };

async function original(bytes: Uint8Array): Promise<Record<string, (...args: number[]) => unknown>> {
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { ic0 });
  return instance.exports as Record<string, (...args: number[]) => unknown>;
}

describe('[wasm/instrumentModule] function index remapping', () => {
  it.each<[string, number[]]>([
    ['direct', []], ['indirect', [0]], ['indirect', [1]], ['indirect', [2]], ['indirect', [3]],
    ['reffunc', []], ['one', []], ['size', []],
  ])('%s(%j) returns the same result as the original module', async (name, args) => {
    const bytes = await wat(REMAP_WAT);
    const before = (await original(bytes))[name](...args);
    const harness = await instantiate(prepared(bytes), { ic0 });
    expect(harness.run(name, args).result).toBe(before);
  });

  it('keeps the name section aligned, so stack traces name the right function', async () => {
    const harness = await instantiate(prepared(await wat(REMAP_WAT)), { ic0 });
    let stack = '';
    try {
      harness.run('boom');
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    expect(stack).toMatch(/kaboom/);
  });
});

describe('[wasm/instrumentModule] start, globals, memory, table', () => {
  it('removes (start), exports it as canister_start, and does not run it at instantiation', async () => {
    const bytes = await wat(REMAP_WAT);
    expect((await original(bytes)).started()).toBe(9);
    const module = prepared(bytes);
    expect(module.info.hasStart).toBe(true);
    const harness = await instantiate(module, { ic0 });
    expect(harness.run('started').result).toBe(0);
    harness.run('canister_start');
    expect(harness.run('started').result).toBe(9);
  });

  it('exports every mutable global under the replica\'s name unless the module already exports it', async () => {
    const module = prepared(await wat(REMAP_WAT));
    expect(module.info.persistentGlobals).toEqual([
      '__persistent_mutable_global_0', '__persistent_mutable_global_1', 'visible',
    ]);
    const harness = await instantiate(module, { ic0 });
    const counter = harness.exports.__persistent_mutable_global_1 as WebAssembly.Global;
    expect(counter.value).toBe(5n);
    counter.value = 6n; // mutable: the host can restore it
    expect(harness.exports.__persistent_mutable_global_2).toBeUndefined(); // immutable: not exported
  });

  it('exports the counter, the memory (renamed) and the table', async () => {
    const harness = await instantiate(prepared(await wat(REMAP_WAT)), { ic0 });
    expect(harness.exports[COUNTER_EXPORT]).toBeInstanceOf(WebAssembly.Global);
    expect(harness.exports[MEMORY_EXPORT]).toBeInstanceOf(WebAssembly.Memory);
    expect(harness.exports.mem).toBeUndefined();
    expect(harness.exports[TABLE_EXPORT]).toBeInstanceOf(WebAssembly.Table);
  });

  it('exports an imported env.memory as well, and reports it as imported', async () => {
    const module = prepared(await wat('(module (import "env" "memory" (memory 2 10)) (func (export "canister_init")))'));
    expect(module.info.memory).toEqual({ initialPages: 2, maximumPages: 10, imported: true });
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 10 });
    const harness = await instantiate(module, { env: { memory } });
    expect(harness.exports[MEMORY_EXPORT]).toBe(memory);
  });

  it('reports an env.table import for the host to supply', async () => {
    const module = prepared(await wat('(module (import "env" "table" (table 3 7 funcref)))'));
    expect(module.info.importsTable).toEqual({ initial: 3, maximum: 7 });
  });

  it('adds the four __ imports first and the counter as an i64 global holding the remaining budget', async () => {
    const module = prepared(await wat(REMAP_WAT));
    const compiled = new WebAssembly.Module(module.instrumented as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(compiled).slice(0, 5)).toEqual([
      { module: '__', name: 'out_of_instructions', kind: 'function' },
      { module: '__', name: 'try_grow_wasm_memory', kind: 'function' },
      { module: '__', name: 'mark_dirty_page', kind: 'function' },
      { module: '__', name: 'mark_dirty_range', kind: 'function' },
      { module: 'ic0', name: 'msg_arg_data_size', kind: 'function' },
    ]);
    const harness = await instantiate(module, { ic0 });
    harness.counter.value = 100n;
    (harness.exports.one as () => number)();
    expect(harness.counter.value).toBe(98n); // entry 1 + i32.const 1
  });

  it('keeps custom sections', async () => {
    const bytes = withCustomSection(await wat('(module)'), 'icp:public candid:service', [1, 2, 3]);
    const module = prepared(bytes);
    const compiled = new WebAssembly.Module(module.instrumented as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.customSections(compiled, 'icp:public candid:service').map((b) => [...new Uint8Array(b)]))
      .toEqual([[1, 2, 3]]);
  });

  it('instruments a module with no functions, types or globals at all', async () => {
    const module = prepared(await wat('(module)'));
    // Only the charging helper (20 instructions) and the counter global (2) remain.
    expect(module.info.wasmInstructionCount).toBe(22);
    expect(WebAssembly.validate(module.instrumented as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('counts instructions like the replica: instrumented bodies + 2 per global', async () => {
    const module = prepared(await wat(`(module (global (mut i32) (i32.const 0))
      (func (export "canister_update f") (local i32) loop br 0 end i32.const 2 memory.grow drop) (memory 1))`));
    // Body: 7 original (loop br end i32.const memory.grow drop end) + entry charge and check (10) + loop
    // header charge and check (10) + tail charge (4) + memory.grow wrapper (3) = 34; helper 20;
    // globals (1 + counter) × 2 = 4.
    expect(module.info.wasmInstructionCount).toBe(34 + 20 + 4);
  });
});

describe('[wasm/instrumentModule] scratch arrays shared by every module', () => {
  /** One function of `pairs` × `nop; unreachable`: as many blocks, each charged (the replica's weights: 2 a pair). */
  function manyBlocks(pairs: number): Uint8Array {
    const code = new Uint8Array(pairs * 2 + 1);
    for (let i = 0; i < pairs; i++) code.set([0x01, 0x00], i * 2);
    code[pairs * 2] = 0x0b;
    const body = [...leb(code.length + 1), 0, ...code];
    return moduleBytes(
      section(1, [1, 0x60, 0, 0]), section(3, [1, 0]), section(5, [1, 0, 1]), section(10, [1, ...body]),
    );
  }

  it('instruments a module the same after one whose body outgrew them (and had them let go)', async () => {
    const small = await wat(REMAP_WAT);
    const before = prepared(small);
    const huge = prepared(manyBlocks(270_000)); // 540,001 instructions, 270,001 charges: more than the arrays keep
    expect(WebAssembly.validate(huge.instrumented as Uint8Array<ArrayBuffer>)).toBe(true);
    const after = prepared(small);
    expect(after.instrumented).toEqual(before.instrumented);
    expect(fastModuleBytes(after)).toEqual(fastModuleBytes(before));
  });
});
