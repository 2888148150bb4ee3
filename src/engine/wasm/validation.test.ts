import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { prepareCanisterModule } from './prepareCanisterModule.ts';
import { leb, moduleBytes, nameBytes, prepared, section, wat, withCustomSection } from './testSupport.ts';
import { validateImports } from './validateImports.ts';
import { VALTYPE } from './wasmModule.ts';

type Source = string | (() => Promise<Uint8Array> | Uint8Array);

interface BadCase {
  name: string;
  /** WAT text (wrapped in `(module …)` unless it starts with `(module`) or a byte builder. */
  source: Source;
  features?: Record<string, boolean>;
  error: string;
}

async function bytesOf(source: Source, features: Record<string, boolean> = {}): Promise<Uint8Array> {
  if (typeof source !== 'string') return source();
  return wat(source.startsWith('(module') ? source : `(module ${source})`, features);
}

/** A module whose single function has `body` (raw code bytes, without locals and final end). */
function moduleWithBody(body: number[]): Uint8Array {
  const code = [0x00, ...body, 0x0b];
  return moduleBytes(
    section(1, [1, 0x60, 0, 0]),
    section(3, [1, 0]),
    section(10, [1, ...leb(code.length), ...code]),
  );
}

const ENTRY_OK = '(func (export "canister_init"))';

const BAD: BadCase[] = [
  // Imports (VALID validate_import_section).
  { name: 'unknown ic0 function', source: '(import "ic0" "msg_foo" (func))',
    error: "Wasm module has an invalid import section. Module imports function 'msg_foo' from 'ic0' that is not exported by the runtime." },
  { name: 'ic0 function with wrong params', source: '(import "ic0" "msg_reply" (func (param i32)))',
    error: "Wasm module has an invalid function signature. Expected input params [] for 'msg_reply', got [I32]." },
  { name: 'ic0 function with wrong results', source: '(import "ic0" "msg_arg_data_size" (func (result i64)))',
    error: "Expected return type [I32] for 'msg_arg_data_size', got [I64]." },
  { name: 'ic0 function imported from env', source: '(import "env" "msg_reply" (func))',
    error: 'Module imports function "msg_reply" from "env", expected to be imported from one of ["ic0"] instead.' },
  { name: 'function from another module', source: '(import "wasi" "fd_write" (func))',
    error: "Module imports function 'fd_write' from 'wasi' that is not exported by the runtime." },
  { name: 'memory imported under another name', source: '(import "env" "mem" (memory 1))',
    error: 'Only memory imported from env.memory is allowed.' },
  { name: 'table imported from another module', source: '(import "js" "table" (table 1 funcref))',
    error: 'Only tables imported from env.table are allowed.' },
  { name: 'imported global', source: '(import "env" "g" (global i32))', error: 'Importing globals is not allowed.' },
  // Features (wasmtime_validation_config) and memories/tables.
  { name: 'two memories', source: () => moduleBytes(section(5, [2, 0x00, 1, 0x00, 1])),
    error: 'declares 2 memories, but at most one is allowed (multi-memory' },
  { name: 'memory64', source: '(memory i64 1)', features: { memory64: true },
    error: '64-bit memory (wasm64) is not supported by this playground yet' },
  { name: 'shared memory', source: '(memory 1 2 shared)', features: { threads: true },
    error: 'threads and atomics are not enabled on the Internet Computer' },
  { name: 'two tables', source: '(table 1 funcref) (table 1 externref)', error: 'declares 2 tables, but at most one is allowed' },
  { name: 'exception tags', source: '(tag $e)', features: { exceptions: true },
    error: 'exception handling is not enabled on the Internet Computer' },
  // Exports (VALID validate_export_section).
  { name: 'unknown canister_ export', source: '(func (export "canister_foo"))',
    error: 'Wasm module has an invalid export section. Exporting reserved function \'canister_foo\' with "canister_" prefix' },
  { name: 'canister_update without a name part', source: '(func (export "canister_update"))',
    error: "Exporting reserved function 'canister_update' with \"canister_\" prefix" },
  { name: 'entry point with parameters', source: '(func (export "canister_update go") (param i32))',
    error: "Expected input params [] for 'canister_update go', got [I32]." },
  { name: 'system entry point with a result', source: '(func (export "canister_heartbeat") (result i32) i32.const 0)',
    error: "Expected return type [] for 'canister_heartbeat', got [I32]." },
  { name: 'duplicate method name across kinds',
    source: '(func $f) (export "canister_update get" (func $f)) (export "canister_query get" (func $f))',
    error: "Duplicate function 'get' exported multiple times with different call types: update, query, or composite_query." },
  { name: 'reserved symbol canister_start', source: '(func (export "canister_start"))',
    error: 'Exporting reserved symbol canister_start not allowed.' },
  { name: 'reserved counter symbol', source: '(global (export "canister counter_instructions") i64 (i64.const 0))',
    error: 'Exporting reserved symbol canister counter_instructions not allowed.' },
  { name: 'a function exported as "memory" clashes with the memory export', source: '(memory 1) (func (export "memory"))',
    error: 'Exporting reserved symbol memory not allowed: the instrumented module exports the Wasm memory under this name.' },
  { name: 'a function named like a persistent global', source: '(global (mut i32) (i32.const 0)) (func (export "__persistent_mutable_global_0"))',
    error: 'Exporting reserved symbol __persistent_mutable_global_0 not allowed' },
  // The write barrier's exports are reserved, with or without a memory (playground rule, not the replica's).
  ...['__dirty_pages', '__dirty_last', '__dirty_marker'].flatMap((name) => [
    { name: `a function exported as ${name}`, source: `(memory 1) (func (export "${name}"))`,
      error: `Exporting reserved symbol ${name} not allowed.` },
    { name: `a global exported as ${name} in a module without memory`, source: `(global (export "${name}") i32 (i32.const 0))`,
      error: `Exporting reserved symbol ${name} not allowed.` },
  ]),
  { name: 'more than 1,000 methods',
    source: `(func $f) ${Array.from({ length: 1001 }, (_, i) => `(export "canister_query m${i}" (func $f))`).join(' ')}`,
    error: 'is 1001 which exceeds 1000.' },
  { name: 'method names longer than 20,000 bytes in total',
    source: `(func $f) ${[0, 1, 2].map((i) => `(export "canister_update ${String(i).repeat(7000)}" (func $f))`).join(' ')}`,
    error: 'is 21000 which exceeds the allowed limit of 20000.' },
  // Globals, functions, data (VALID).
  { name: 'more than 1,000 globals', source: Array.from({ length: 1001 }, () => '(global i32 (i32.const 0))').join(' '),
    error: 'Wasm module defined 1001 globals which exceeds the maximum number allowed 1000.' },
  { name: 'funcref global', source: '(global funcref (ref.null func))',
    error: 'Wasm module has an invalid global section. Unsupported global type: funcref' },
  { name: 'more than 50,000 functions', source: () => moduleBytes(
    section(1, [1, 0x60, 0, 0]),
    section(3, [...leb(50_001), ...new Array<number>(50_001).fill(0)]),
    section(10, [...leb(50_001), ...Array.from({ length: 50_001 }, () => [2, 0, 0x0b]).flat()]),
  ), error: 'Wasm module defined 50001 functions which exceeds the maximum number allowed 50000.' },
  { name: 'data offset that is not i32.const', source: '(memory 1) (global i32 (i32.const 0)) (data (global.get 0) "x")',
    error: 'Invalid offset expression in data segment for 32bit memory: global.get 0' },
  { name: 'element segment beyond the table', source: '(table 1 funcref) (func $f) (elem (i32.const 1) $f)',
    error: 'Wasm module has an invalid element segment 0: 1 elements at offset 1 do not fit in a table of 1.' },
  { name: 'data segment beyond the initial memory', source: '(memory 1) (data (i32.const 65535) "xy")',
    error: 'Wasm module has invalid data segment of 2 bytes at 65535' },
  { name: 'extended constant expression', source: '(global i32 (i32.add (i32.const 1) (i32.const 2)))', features: { extended_const: true },
    error: 'unsupported constant expression in global 0: only a single constant instruction is allowed' },
  // Code (VALID wasm_function_complexity, validate_code_section, check_code_section_size).
  ...(['table.grow', 'table.set', 'table.fill', 'table.copy', 'table.init'] as const).map((op): BadCase => ({
    name: op,
    source: `(table 1 funcref) (elem func 0) (func ${{
      'table.grow': 'ref.null func i32.const 1 table.grow drop',
      'table.set': 'i32.const 0 ref.null func table.set',
      'table.fill': 'i32.const 0 ref.null func i32.const 1 table.fill',
      'table.copy': 'i32.const 0 i32.const 0 i32.const 0 table.copy',
      'table.init': 'i32.const 0 i32.const 0 i32.const 0 table.init 0',
    }[op]})`,
    error: `Wasm module contains a function at index 0 with unsupported instruction ${op}.`,
  })),
  { name: 'tail call', source: '(func return_call 0)', features: { tail_call: true },
    error: 'with unsupported instruction return_call (tail calls are not enabled on the Internet Computer).' },
  { name: 'relaxed SIMD', source: '(func (result v128) v128.const i64x2 0 0 i8x16.relaxed_swizzle)', features: { relaxed_simd: true },
    error: 'unsupported instruction i8x16.relaxed_swizzle (relaxed SIMD is not enabled' },
  // 20,001 × (block 50 + end 1) + the final end 1 = 1,020,052.
  { name: 'function complexity above 1,000,000', source: () => moduleWithBody(new Array(20_001).fill([0x02, 0x40, 0x0b]).flat()),
    error: 'Wasm module contains a function at index 0 with complexity 1020052 which exceeds the maximum complexity allowed 1000000.' },
  { name: 'code section above 10 MiB', source: () => {
    // One body of 10 MiB of nops: payload = count 1 + size prefix 4 + (locals 1 + nops + end 1).
    const bodySize = 10 * 1024 * 1024 + 2;
    const code = new Uint8Array(5 + bodySize).fill(0x01);
    code.set([1, ...leb(bodySize), 0], 0);
    code[code.length - 1] = 0x0b;
    return moduleBytes(section(1, [1, 0x60, 0, 0]), section(3, [1, 0]), section(10, code));
  }, error: 'Wasm module code section size of 10485767 exceeds the maximum allowed size of 10485760.' },
  // Custom sections (VALID validate_custom_section).
  { name: 'icp: section without scope', source: async () => withCustomSection(await wat('(module)'), 'icp:foo x'),
    error: "Invalid custom section: Custom section 'icp:foo x' has no public/private scope defined." },
  { name: 'icp:public without space', source: async () => withCustomSection(await wat('(module)'), 'icp:public'),
    error: "'icp:' section names must have a space after the public/private scope" },
  { name: 'same name public and private', source: async () =>
    withCustomSection(withCustomSection(await wat('(module)'), 'icp:public x'), 'icp:private x'),
    error: 'Invalid custom section: name x already exists' },
  { name: 'more than 16 icp sections', source: async () => {
    let bytes = await wat('(module)');
    for (let i = 0; i < 17; i++) bytes = withCustomSection(bytes, `icp:public s${i}`);
    return bytes;
  }, error: 'Wasm module defined 17 custom sections which exceeds the maximum number allowed 16.' },
  { name: 'icp sections above 1 MiB', source: async () =>
    withCustomSection(await wat('(module)'), 'icp:private big', new Array(1024 * 1024).fill(0)),
    error: 'total size of the custom sections exceeds the maximum allowed: size 1048579 bytes, allowed 1048576 bytes' },
  // Structure.
  { name: 'not Wasm at all', source: () => new TextEncoder().encode('hello world'),
    error: 'Failed to decode wasm module: the module does not start with the Wasm magic bytes' },
  { name: 'truncated module', source: async () => (await wat(`(module ${ENTRY_OK})`)).subarray(0, 20),
    error: 'Failed to decode wasm module:' },
  { name: 'unknown opcode', source: () => moduleWithBody([0x27]),
    error: 'Failed to decode wasm module: unknown instruction 0x27 in the function at index 0' },
  { name: 'type error in a body (engine validation)', source: () => moduleWithBody([0x6a]),
    error: 'Wasm module is not valid WebAssembly: ' },
  // The instrumented module has no start section (its function is exported as canister_start): the original's is
  // checked on its own.
  { name: 'a start function with a parameter (engine validation)', source: () => moduleBytes(
    section(1, [1, 0x60, 1, 0x7f, 0]), section(3, [1, 0]), section(8, [0]), section(10, [1, 2, 0x00, 0x0b])),
    error: 'Wasm module is not valid WebAssembly: ' },
  { name: 'raw module above 100 MiB', source: () => new Uint8Array(100 * 1024 * 1024 + 1),
    error: 'Wasm module size of 104857601 exceeds the maximum allowed size of 104857600.' },
  { name: 'invalid gzip', source: () => new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3]), error: 'Failed to decode wasm module' },
];

describe('[wasm/validation] refused modules', () => {
  it('has a case for every rule family', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(25);
  });

  it.each(BAD)('$name', async ({ source, features, error }) => {
    const result = prepareCanisterModule(await bytesOf(source, features));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });

  it('refuses wasm32-only System API functions in a 64-bit module', () => {
    const types = [{ params: [], results: [VALTYPE.i64] }];
    const imports = [{ module: 'ic0', name: 'canister_cycle_balance', desc: { kind: 'func' as const, typeIndex: 0 } }];
    expect(validateImports(imports, types, false).ic0Imports).toEqual(['canister_cycle_balance']);
    expect(() => validateImports(imports, types, true)).toThrow('(it is only available to 32-bit modules)');
  });

  it('resolves I to i64 for 64-bit modules', () => {
    const imports = [{ module: 'ic0', name: 'msg_arg_data_size', desc: { kind: 'func' as const, typeIndex: 0 } }];
    expect(() => validateImports(imports, [{ params: [], results: [VALTYPE.i64] }], true)).not.toThrow();
    expect(() => validateImports(imports, [{ params: [], results: [VALTYPE.i32] }], true)).toThrow('Expected return type [I64]');
  });

  it.each([
    // 2 params + 49,990 locals + the counter's local: fits. One more local with a store in a loop (3 barrier
    // locals): not. A store outside every loop calls the outlined barrier, which needs no local.
    { locals: 49_990, store: 'none', ok: true },
    { locals: 49_994, store: 'in a loop', ok: true },
    { locals: 49_995, store: 'in a loop', ok: false },
    { locals: 49_997, store: 'outside loops', ok: true },
    { locals: 49_998, store: 'outside loops', ok: false },
  ])('$locals locals (store: $store): refused only when the metering locals would pass V8\'s 50,000', async ({ locals, store, ok }) => {
    const body = { none: 'nop', 'in a loop': '(loop (i32.store (i32.const 0) (local.get 0)))', 'outside loops': '(i32.store (i32.const 0) (local.get 0))' }[store];
    const source = `(module (memory 1) (func (param i32 i32) (local ${'i32 '.repeat(locals)}) ${body}) (func (export "canister_update f")))`;
    const result = prepareCanisterModule(await wat(source));
    expect(result.ok).toBe(ok);
    if (result.ok) await WebAssembly.compile(result.module.instrumented as Uint8Array<ArrayBuffer>); // V8 accepts it
    else expect(result.error).toMatch(/Wasm module function at index 0 has 2 parameters and 4999[58] locals; with the [14] locals/);
  });

  it('refuses a gzip bomb above 100 MiB without inflating all of it', () => {
    // 101 concatenated gzip members of 1 MiB each (a valid multi-member stream), cheap to build.
    const member = gzipSync(new Uint8Array(1024 * 1024));
    const bomb = new Uint8Array(member.length * 101);
    for (let i = 0; i < 101; i++) bomb.set(member, i * member.length);
    const result = prepareCanisterModule(bomb);
    expect(result).toEqual({ ok: false, error: 'Wasm module size of more than 104857600 exceeds the maximum allowed size of 104857600.' });
  });
});

const GOOD_WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_arg_data_size" (func $size (result i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "msg_cycles_accept128" (func $accept (param i64 i64 i32)))
  (memory 1)
  (func $noop)
  (func $m (call $reply))
  (export "canister_init" (func $noop))
  (export "canister_pre_upgrade" (func $noop))
  (export "canister_post_upgrade" (func $noop))
  (export "canister_inspect_message" (func $noop))
  (export "canister_heartbeat" (func $noop))
  (export "canister_global_timer" (func $noop))
  (export "canister_on_low_wasm_memory" (func $noop))
  (export "canister_update inc" (func $m))
  (export "canister_query get" (func $m))
  (export "canister_composite_query  spaced name" (func $m))
  (export "canister_update set" (func $m))
  (export "helper" (func $m))
  (data (i32.const 65535) "x"))`;

describe('[wasm/validation] accepted modules', () => {
  it('reports entry points, imports, memory and custom sections', async () => {
    const bytes = withCustomSection(withCustomSection(await wat(GOOD_WAT), 'icp:public candid:service', [1]), 'icp:private notes');
    const { info } = prepared(withCustomSection(bytes, 'producers'));
    expect(info).toMatchObject({
      updateMethods: ['inc', 'set'],
      queryMethods: ['get'],
      compositeQueryMethods: [' spaced name'],
      hasInit: true, hasPreUpgrade: true, hasPostUpgrade: true, hasInspectMessage: true,
      hasHeartbeat: true, hasGlobalTimer: true, hasOnLowWasmMemory: true, hasStart: false,
      ic0Imports: ['msg_reply', 'msg_arg_data_size', 'call_new', 'msg_cycles_accept128'],
      memory: { initialPages: 1, maximumPages: null, imported: false },
      importsTable: null,
      persistentGlobals: [],
      publicCustomSections: ['candid:service'],
      privateCustomSections: ['notes'],
    });
  });

  it('accepts the same module gzipped, with the same result', async () => {
    const bytes = await wat(GOOD_WAT);
    const plain = prepareCanisterModule(bytes);
    const gz = gzipSync(bytes);
    const zipped = prepareCanisterModule(gz);
    if (!zipped.ok || !plain.ok) throw new Error('both must prepare');
    // Everything but the module as uploaded (kept for snapshots) is the same.
    expect({ ...zipped.module, wasm: null }).toEqual({ ...plain.module, wasm: null });
    expect(zipped.module.wasm).toEqual(gz);
    expect(plain.module.wasm).toEqual(bytes);
  });

  it.each([
    ['no memory, no exports', '(module)'],
    ['SIMD, bulk memory, reference types and multi-value', `(module (memory 1) (table 1 funcref)
      (func (param v128) (result v128 i32) local.get 0 i32.const 0 i32.const 0 i32.const 1 memory.copy i32.const 0)
      (func i32.const 0 table.get 0 drop data.drop 0) (data "x"))`],
    ['table.get and table.size are allowed', '(module (table 1 funcref) (func (result i32) i32.const 0 table.get 0 ref.is_null table.size 0 i32.add))'],
    ['an exported memory under any name', '(module (memory (export "heap") 1))'],
    ['a non-canister export of a global', '(module (global (export "canister_global") i32 (i32.const 0)))'],
  ])('%s', async (_, text) => {
    const result = prepareCanisterModule(await wat(text));
    expect(result).toMatchObject({ ok: true });
  });

  it('decodes hand-made element segment forms 1, 3, 5 and 7 and keeps them valid', () => {
    // Type () -> (), one function, one table, and passive/declarative segments in all encodings.
    const elems = [
      4,
      1, 0x00, 1, 0, // flags 1: passive, elemkind, indices
      3, 0x00, 1, 0, // flags 3: declarative, elemkind, indices
      5, 0x70, 1, 0xd2, 0, 0x0b, // flags 5: passive, reftype, expressions
      7, 0x70, 1, 0xd2, 0, 0x0b, // flags 7: declarative, reftype, expressions
    ];
    const bytes = moduleBytes(
      section(1, [1, 0x60, 0, 0]), section(3, [1, 0]), section(4, [1, 0x70, 0x00, 1]),
      section(9, elems), section(10, [1, 2, 0, 0x0b]),
      section(0, [...nameBytes('name')]), // an empty name section is kept
    );
    expect(prepareCanisterModule(bytes)).toMatchObject({ ok: true });
  });
});
