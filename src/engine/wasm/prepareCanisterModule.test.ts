import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { prepareCanisterModule, type PrepareResult } from './prepareCanisterModule.ts';
import { createRng, instantiate, prepared, wat } from './testSupport.ts';

const SEED_MODULE = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_arg_data_copy" (func $copy (param i32 i32 i32)))
  (memory 1 4)
  (table 2 funcref)
  (elem (i32.const 0) $a $b)
  (global $g (mut i64) (i64.const 0))
  (type $t (func (param i32) (result i32)))
  (func $a (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $b (param i32) (result i32) (local i32)
    loop local.get 1 i32.const 1 i32.add local.tee 1 local.get 0 i32.lt_u br_if 0 end local.get 1)
  (func (export "canister_update go")
    i32.const 0 i32.const 0 i32.const 16 call $copy
    i32.const 0 i32.const 1 i32.const 32 memory.fill
    i32.const 3 i32.const 1 call_indirect (type $t) drop
    i32.const 1 memory.grow drop
    global.get $g i64.const 1 i64.add global.set $g
    call $reply)
  (start $start) (func $start)
  (data (i32.const 8) "hello"))`;

function checkResult(result: PrepareResult): void {
  expect(typeof result).toBe('object');
  if (result.ok) {
    expect(WebAssembly.validate(result.module.instrumented as Uint8Array<ArrayBuffer>)).toBe(true);
  } else {
    expect(result.error.length).toBeGreaterThan(0);
    // An internal error means a bug in the decoder or instrumenter, not a bad module.
    expect(result.error).not.toMatch(/^Internal error/);
  }
}

describe('[wasm/prepareCanisterModule] never throws (fixed-seed fuzz)', () => {
  it('random bytes, with and without a Wasm header (seed 1)', () => {
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rng() * 200) }, () => Math.floor(rng() * 256));
      if (i % 2 === 0 && bytes.length >= 8) bytes.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
      checkResult(prepareCanisterModule(bytes));
    }
  });

  it('mutated, truncated and extended copies of a valid module (seed 2)', async () => {
    const seed = await wat(SEED_MODULE);
    expect(prepareCanisterModule(seed).ok).toBe(true);
    const rng = createRng(2);
    let accepted = 0;
    for (let i = 0; i < 400; i++) {
      let bytes = seed.slice();
      const mode = i % 4;
      if (mode === 0) {
        for (let k = 0; k < 1 + Math.floor(rng() * 4); k++) bytes[8 + Math.floor(rng() * (bytes.length - 8))] = Math.floor(rng() * 256);
      } else if (mode === 1) {
        bytes = bytes.subarray(0, Math.floor(rng() * bytes.length));
      } else if (mode === 2) {
        const at = 8 + Math.floor(rng() * (bytes.length - 8));
        const extra = Uint8Array.from({ length: 1 + Math.floor(rng() * 8) }, () => Math.floor(rng() * 256));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
      } else {
        bytes[8 + Math.floor(rng() * (bytes.length - 8))] ^= 1 << Math.floor(rng() * 8);
        bytes = gzipSync(bytes);
        if (rng() < 0.3) bytes = bytes.subarray(0, Math.floor(rng() * bytes.length));
      }
      const result = prepareCanisterModule(bytes);
      checkResult(result);
      if (result.ok) accepted++;
    }
    // Some mutations land in data or immediates and stay valid: both paths are exercised.
    expect(accepted).toBeGreaterThan(10);
  });

  it.each<[string, Uint8Array, boolean]>([
    ['empty input', new Uint8Array(0), false],
    ['only the magic', new Uint8Array([0, 0x61, 0x73, 0x6d]), false],
    ['header only (an empty module is a valid canister module)', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), true],
    ['a component', new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]), false],
    ['gzip magic only', new Uint8Array([0x1f, 0x8b, 0x08]), false],
    ['not bytes at all', 'hello' as unknown as Uint8Array, false],
  ])('%s', (_, bytes, ok) => {
    expect(prepareCanisterModule(bytes).ok).toBe(ok);
  });
});

describe('[wasm/prepareCanisterModule] the seed module runs after instrumentation', () => {
  it('executes its update method, with data segments, memory.grow and bulk memory', async () => {
    const module = prepared(await wat(SEED_MODULE));
    let replied = 0;
    const harness = await instantiate(module, { ic0: { msg_reply: () => { replied++; } } });
    const { used } = harness.run('canister_update go');
    expect(replied).toBe(1);
    expect(harness.growCalls).toEqual([[1, 1]]);
    const memory = new Uint8Array((harness.exports.memory as WebAssembly.Memory).buffer);
    expect(new TextDecoder().decode(memory.subarray(8, 13))).toBe('\x01\x01\x01\x01\x01'); // filled over "hello"
    expect(used).toBeGreaterThan(32n);
  });
});

/** A synthetic module of roughly `functions` × 200 bytes of code: loops, ifs, calls, memory, floats. */
function largeModuleWat(functions: number): string {
  const funcs: string[] = [];
  for (let i = 0; i < functions; i++) {
    const callee = i > 0 ? `local.get 0 call $f${i - 1} drop` : '';
    funcs.push(`(func $f${i} (param i32) (result i32) (local i32 i64 f64)
      block loop
        local.get 1 i32.const ${i + 1} i32.add local.tee 1
        i32.const 4 i32.shl i32.const 65520 i32.and local.get 1 i32.store offset=16
        local.get 2 local.get 1 i64.extend_i32_u i64.mul i64.const 7 i64.rem_u local.set 2
        local.get 3 f64.const 1.5 f64.mul f64.sqrt local.set 3
        local.get 1 local.get 0 i32.lt_u br_if 0
      end end
      local.get 1 i32.const 3 i32.and
      if (result i32) ${callee} local.get 1 else i32.const 0 i32.const 0 i32.const 64 memory.fill local.get 0 end
      i32.const ${i} memory.size i32.add i32.add)`);
  }
  return `(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (global (mut i32) (i32.const 0))
    ${funcs.join('\n')}
    (func (export "canister_update run") i32.const 3 call $f${functions - 1} drop call $reply))`;
}

describe('[wasm/prepareCanisterModule] a large module', () => {
  // How long it takes is `npm run bench`'s to measure (bench/compile.ts); tests never assert timings.
  it('prepares a ~300 KB module, the same every time', async () => {
    const bytes = await wat(largeModuleWat(2700));
    expect(bytes.length).toBeGreaterThan(300_000);
    const first = prepareCanisterModule(bytes);
    expect(first.ok).toBe(true);
    expect(prepareCanisterModule(bytes)).toEqual(first);
  });
});
