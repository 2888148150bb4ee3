import { describe, expect, it } from 'vitest';
import { CALL_DEPTH_EXPORT, OUT_OF_INSTRUCTIONS_TRAP } from './callDepth.ts';
import { fastModuleBytes, fastModuleOf } from './fastModule.ts';
import { planExports, TABLE_EXPORT } from './planExports.ts';
import { decompressModule } from './decompressModule.ts';
import { instrumentModule } from './instrumentModule.ts';
import { parseModule } from './parseModule.ts';
import { instantiate, prepared, wat, type Harness } from './testSupport.ts';

/**
 * Each case's `run` export, called on a fresh instance of the module's own instrumentation and on one of its fast
 * module (`fastPath.ts`): the result, the instructions used, the memory and the globals must be the same.
 * The cases cover every way a fast copy differs: calls (direct, indirect, of the host), exits (return, a branch to
 * the function's label, `br_table`, several results), `memory.grow`, bulk memory and loops.
 */
const CASES: { name: string; body: string; args?: number[]; fastMarks?: number }[] = [
  {
    name: 'a loop over memory',
    body: `(func (export "run") (result i32) (local $i i32)
      (loop $l
        (i32.store (i32.mul (local.get $i) (i32.const 4)) (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 5000))))
      (i32.load (i32.const 400)))`,
  },
  {
    name: 'direct calls, a call through the table and a host call, each leaving the counter for the other',
    body: `(type $t (func (param i32) (result i32)))
      (table 1 funcref) (elem (i32.const 0) $sq)
      (func $sq (param i32) (result i32) (i32.store (local.get 0) (local.get 0)) (i32.mul (local.get 0) (local.get 0)))
      (func $twice (param i32) (result i32) (call $sq (call $sq (local.get 0))))
      (func (export "run") (result i32)
        (call $reply)
        (i32.add (call $twice (i32.const 3)) (call_indirect (type $t) (i32.const 7) (i32.const 0))))`,
  },
  {
    name: 'return, a branch to the function label, br_table and two results',
    body: `(func $early (param i32) (result i32) (if (local.get 0) (then (return (i32.const 11)))) (i32.const 12))
      (func $branch (param i32) (result i32) (i32.const 21) (br_if 0 (local.get 0)) (drop) (i32.const 22))
      (func $table (param i32) (result i32) (drop (block $a (result i32) (br_table $a 1 (i32.const 30) (local.get 0)))) (i32.const 31))
      (func $two (result i32 i32) (i32.const 41) (i32.const 42))
      (func (export "run") (param i32) (result i32)
        (i32.add (i32.add (call $early (local.get 0)) (call $branch (local.get 0)))
          (i32.add (call $table (local.get 0)) (i32.add (call $two)))))`,
    args: [1],
  },
  {
    name: 'the same with the other branches taken',
    body: `(func $early (param i32) (result i32) (if (local.get 0) (then (return (i32.const 11)))) (i32.const 12))
      (func $branch (param i32) (result i32) (i32.const 21) (br_if 0 (local.get 0)) (drop) (i32.const 22))
      (func $table (param i32) (result i32) (drop (block $a (result i32) (br_table $a 1 (i32.const 30) (local.get 0)))) (i32.const 31))
      (func (export "run") (param i32) (result i32)
        (i32.add (i32.add (call $early (local.get 0)) (call $branch (local.get 0))) (call $table (local.get 0))))`,
    args: [0],
  },
  {
    name: 'memory.grow, then bulk memory charged by its size',
    body: `(func (export "run") (result i32)
      (drop (memory.grow (i32.const 2)))
      (memory.fill (i32.const 70000) (i32.const 9) (i32.const 60000))
      (memory.copy (i32.const 10) (i32.const 70000) (i32.const 300))
      (i32.add (memory.size) (i32.load8_u (i32.const 100))))`,
  },
  {
    name: 'recursion counted against the call-depth budget',
    body: `(func $fib (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "run") (result i32) (call $fib (i32.const 15)))`,
  },
];

const moduleOf = (body: string): string => `(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (global $g (mut i32) (i32.const 5)) ${body})`;

interface Observed {
  result: unknown;
  used: bigint;
  memory: Uint8Array;
  dirtyPageCalls: number;
}

function observe(harness: Harness, name: string, args: number[]): Observed {
  (harness.exports[CALL_DEPTH_EXPORT] as WebAssembly.Global).value = -5000;
  const { result, used } = harness.run(name, args);
  const memory = new Uint8Array(harness.memory!.buffer).slice();
  return { result, used, memory, dirtyPageCalls: harness.dirtyPageCalls.length };
}

describe('[wasm/fastPath] a fast copy computes and charges what its original does', () => {
  it.each(CASES)('$name', async ({ body, args = [] }) => {
    const module = prepared(await wat(moduleOf(body)));
    expect(module.info.memory).not.toBeNull();
    const original = observe(await instantiate(module), 'run', args);
    const fast = observe(await instantiate(module, { fast: true }), 'run', args);
    expect(fast.result).toEqual(original.result);
    expect(fast.used).toBe(original.used);
    expect(fast.memory).toEqual(original.memory);
    // No barrier in the fast module (the host journals the whole heap first), even through its table.
    expect(fast.dirtyPageCalls).toBe(0);
  });

  it('runs out of instructions where its original does, with the counter written for the host', async () => {
    const module = prepared(await wat(moduleOf('(func (export "run") (loop $l (i32.store (i32.const 8) (i32.const 1)) (br $l)))')));
    const results = await Promise.all([false, true].map(async (fast) => {
      const harness = await instantiate(module, { fast });
      expect(() => harness.run('run', [], 100_000n)).toThrow('unreachable');
      return {
        counter: harness.counter.value as bigint,
        cause: (harness.exports[CALL_DEPTH_EXPORT] as WebAssembly.Global).value as number,
      };
    }));
    expect(results[1]).toEqual(results[0]);
    expect(results[0].cause).toBe(OUT_OF_INSTRUCTIONS_TRAP);
    expect(results[0].counter).toBeLessThan(0n);
  });

  it.each([
    ['a module without memory', '(module (func (export "canister_update run")))', false],
    ['a module with a passive data segment (its instance keeps it for memory.init)', '(module (memory 1) (data "abc") (func (export "canister_update run")))', false],
    ['a module whose code can drop a segment', '(module (memory 1) (data (i32.const 0) "abc") (func (export "canister_update run") (data.drop 0)))', false],
    ['a module that imports its table (the fast module would fill it with fast copies)', '(module (import "env" "table" (table 1 funcref)) (memory 1) (func $f) (elem (i32.const 0) $f) (func (export "canister_update run")))', false],
    ['a module with a memory and active data', '(module (memory 1) (data (i32.const 0) "abc") (func (export "canister_update run")))', true],
    ['a module that imports its memory', '(module (import "env" "memory" (memory 1)) (func (export "canister_update run")))', true],
  ])('%s: has a fast module %s', async (_what, source, has) => {
    expect(fastModuleOf(prepared(await wat(source))) !== null).toBe(has);
  });

  it('a module that imports its memory: its fast module imports it the same way, and computes the same', async () => {
    const module = prepared(await wat(`(module (import "env" "memory" (memory 1)) (global $g (mut i32) (i32.const 5))
      (func (export "run") (result i32) (i32.store (i32.const 8) (global.get $g)) (global.set $g (i32.const 6)) (i32.load (i32.const 8))))`));
    const own = observe(await instantiate(module, { env: { memory: new WebAssembly.Memory({ initial: 1 }) } }), 'run', []);
    const fast = observe(await instantiate(module, { fast: true }), 'run', []);
    expect(fast).toEqual({ ...own, dirtyPageCalls: 0 });
  });

  it('is built from what the module\'s own instrumentation found in its bodies: the same bytes as checking them again', async () => {
    // Mutual recursion (call-depth counted), a function that does not recurse, a store in and outside a loop.
    const module = prepared(await wat(moduleOf(`
      (func $even (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
      (func $odd (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
      (func $leaf (i32.store (i32.const 8) (i32.const 1)) (loop $l (i32.store (i32.const 12) (i32.const 2))))
      (func (export "run") (result i32) (call $leaf) (call $even (i32.const 7)))`)));
    expect([...module.checked.depthCounted]).toEqual([1, 1, 0, 0]);
    const parsed = parseModule(decompressModule(module.wasm));
    expect(fastModuleBytes(module)).toEqual(instrumentModule(parsed, planExports(parsed), 'fast').bytes);
  });

  it('the fast module\'s active data segments are left out: instantiating it writes nothing into the canister\'s heap', async () => {
    const module = prepared(await wat(moduleOf('(data (i32.const 16) "written by the install") (func (export "run") (result i32) (i32.load8_u (i32.const 16)))')));
    const harness = await instantiate(module, { fast: true });
    expect(new Uint8Array(harness.memory!.buffer).every((b) => b === 0)).toBe(true);
    expect(harness.run('run').result).toBe(0);
  });

  it('the module\'s own instrumentation carries no fast copies; the replica\'s instruction count leaves them out', async () => {
    const body = '(func (export "canister_update run") (i32.store (i32.const 0) (i32.const 1)))';
    const withMemory = prepared(await wat(`(module (memory 1) ${body})`));
    const withoutMemory = prepared(await wat(`(module ${body.replace('(i32.store (i32.const 0) (i32.const 1))', '')})`));
    const functions = (bytes: Uint8Array) => new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.exports(functions(withMemory.instrumented)).filter((e) => e.kind === 'function').map((e) => e.name))
      .toEqual(['canister_update run']);
    expect(WebAssembly.Module.exports(functions(withoutMemory.instrumented)).filter((e) => e.kind === 'function').map((e) => e.name))
      .toEqual(['canister_update run']);
    // 4 original + 10 entry charge and check; helper 20; counter global 2 (the barrier is not counted either).
    expect(withMemory.info.wasmInstructionCount).toBe(4 + 10 + 20 + 2);
  });

  it('a callback the table holds is the fast copy in the fast module\'s table', async () => {
    const module = prepared(await wat(moduleOf(`
      (table 2 funcref) (elem (i32.const 1) $double)
      (func $double (param i32) (result i32) (i32.store (i32.const 8) (local.get 0)) (i32.mul (local.get 0) (i32.const 2)))
      (func (export "run"))`)));
    const [own, fast] = await Promise.all([instantiate(module), instantiate(module, { fast: true })]);
    for (const harness of [own, fast]) {
      harness.counter.value = 1_000_000n;
      (harness.exports[CALL_DEPTH_EXPORT] as WebAssembly.Global).value = -5000;
    }
    const call = (harness: Harness) => ((harness.exports[TABLE_EXPORT] as WebAssembly.Table).get(1) as (x: number) => number)(21);
    expect(call(fast)).toBe(call(own));
    expect(fast.counter.value).toBe(own.counter.value);
    expect([own.dirtyPageCalls.length, fast.dirtyPageCalls.length]).toEqual([1, 0]);
  });
});
