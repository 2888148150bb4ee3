import { describe, expect, it } from 'vitest';
import { createWriter, writerBytes } from './binaryWriter.ts';
import { writeChargeHelperBody } from './injectedCode.ts';
import { CALL_DEPTH_EXPORT, OUT_OF_INSTRUCTIONS_TRAP } from './callDepth.ts';
import { instantiate, leb, moduleBytes, nameBytes, prepared, section, wat, type Harness } from './testSupport.ts';

/**
 * Each case runs `run` with the given args and asserts the exact instructions used. The expected numbers
 * are worked out by hand from the cost table (ic-reference.md §8.2) and the block rules (§8.1): every
 * function entry starts a re-entrant block with cost 1; `loop` starts a re-entrant block; `if` a
 * non-re-entrant one; else/br/br_if/br_table/end/return/unreachable end a block (their own cost counts
 * in the block they end); block/loop/else/end cost 0.
 */
interface MeteringCase {
  name: string;
  wat: string;
  args?: unknown[];
  result: unknown;
  used: number;
}

const CASES: MeteringCase[] = [
  {
    name: 'empty function: entry cost 1',
    wat: '(func (export "run"))',
    result: undefined, used: 1,
  },
  {
    name: 'straight line: 1 + const 1 + const 1 + add 1',
    wat: '(func (export "run") (result i32) i32.const 1 i32.const 2 i32.add)',
    result: 3, used: 4,
  },
  {
    name: 'if/else, then-branch: entry (1 + local.get 1 + if 2) + then (3 × 1 + else 0)',
    wat: `(func (export "run") (param i32) (result i32)
      local.get 0
      if (result i32) i32.const 10 i32.const 1 i32.add else i32.const 20 end)`,
    args: [1], result: 11, used: 7,
  },
  {
    name: 'if/else, else-branch: entry 4 + else block (const 1 + end 0)',
    wat: `(func (export "run") (param i32) (result i32)
      local.get 0
      if (result i32) i32.const 10 i32.const 1 i32.add else i32.const 20 end)`,
    args: [0], result: 20, used: 5,
  },
  {
    name: 'loop with br_if, 10 iterations: entry 1 + 10 × body (6 × 1 + br_if 2) + tail (local.get 1)',
    wat: `(func (export "run") (param $n i32) (result i32) (local $i i32)
      loop $l
        local.get $i i32.const 1 i32.add local.tee $i
        local.get $n i32.lt_s
        br_if $l
      end
      local.get $i)`,
    args: [10], result: 10, used: 1 + 10 * 8 + 1,
  },
  {
    name: 'nested blocks: entry (1 + const + br_if 2) → after inner end (const + drop + br 2) → after outer end (const)',
    wat: `(func (export "run") (result i32)
      block $outer
        block $inner
          i32.const 1
          br_if $inner
          unreachable
        end
        i32.const 5 drop
        br $outer
      end
      i32.const 7)`,
    result: 7, used: 4 + 4 + 1,
  },
  ...[[0, 100, 6], [1, 200, 6], [2, 300, 5], [9, 300, 5]].map(([arg, result, used]): MeteringCase => ({
    name: `br_table to target ${arg}: entry (1 + local.get + br_table 2) + (const + return) or (const)`,
    wat: `(func (export "run") (param i32) (result i32)
      block $b2
        block $b1
          block $b0
            local.get 0
            br_table $b0 $b1 $b2
          end
          i32.const 100 return
        end
        i32.const 200 return
      end
      i32.const 300)`,
    args: [arg], result, used,
  })),
  {
    name: 'call: caller (1 + 2 consts + call 5) + callee (1 + 2 local.get + add)',
    wat: `(func $add (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
      (func (export "run") (result i32) i32.const 2 i32.const 3 call $add)`,
    result: 5, used: 8 + 4,
  },
  {
    name: 'call_indirect through an element segment: caller (1 + local.get + call_indirect 10) + callee (1 + const)',
    wat: `(type $t (func (result i32)))
      (table 2 funcref)
      (elem (i32.const 0) $a $b)
      (func $a (result i32) i32.const 11)
      (func $b (result i32) i32.const 22)
      (func (export "run") (param i32) (result i32) local.get 0 call_indirect (type $t))`,
    args: [1], result: 22, used: 12 + 2,
  },
  {
    name: 'memory.fill of 1000 bytes: 1 + 3 consts/local.get + 100 static + 1000 dynamic',
    wat: `(memory 1)
      (func (export "run") (param i32) i32.const 0 i32.const 7 local.get 0 memory.fill)`,
    args: [1000], result: undefined, used: 1104,
  },
  {
    name: 'memory.fill of 0 bytes: only the static part',
    wat: `(memory 1)
      (func (export "run") (param i32) i32.const 0 i32.const 7 local.get 0 memory.fill)`,
    args: [0], result: undefined, used: 104,
  },
  {
    name: 'memory.copy of 50 bytes: 1 + 3 + 100 + 50',
    wat: `(memory 1)
      (func (export "run") (param i32) i32.const 100 i32.const 0 local.get 0 memory.copy)`,
    args: [50], result: undefined, used: 154,
  },
  {
    name: 'memory.grow: 1 + const + 300 (the injected try_grow call is not metered)',
    wat: '(memory 1) (func (export "run") (result i32) i32.const 2 memory.grow)',
    result: 1, used: 302,
  },
  {
    name: 'integer division: 1 + (2 consts + div_s 10 + drop) + (2 consts + rem_u 10)',
    wat: `(func (export "run") (result i64)
      i32.const 100 i32.const 7 i32.div_s drop
      i64.const 100 i64.const 7 i64.rem_u)`,
    result: 2n, used: 1 + 13 + 12,
  },
  {
    name: 'f64 ops: 1 + (const + sqrt 8) + (const + mul 2) + (const + div 5) + (const + min 18)',
    wat: `(func (export "run") (result f64)
      f64.const 16 f64.sqrt f64.const 3 f64.mul f64.const 2 f64.div f64.const 100 f64.min)`,
    result: 6, used: 1 + 9 + 3 + 6 + 19,
  },
  {
    name: 'f32 ops and conversions: copysign 2, lt 3, trunc 20, convert_u 16, trunc_sat 20',
    wat: `(func (export "run") (result i32)
      f32.const 1.5 f32.const 2 f32.copysign
      f32.const 2 f32.lt
      f64.const 2.5 i32.trunc_f64_s i32.add
      i32.const 7 f64.convert_i32_u i32.trunc_sat_f64_u i32.add)`,
    result: 10, used: 1 + 4 + 4 + 22 + 38,
  },
  {
    name: 'i64 ops: shl, mul, popcnt, extend32_s, extend_i32_u, add all cost 1',
    wat: `(func (export "run") (result i64)
      i64.const 1 i64.const 40 i64.shl i64.const 3 i64.mul i64.popcnt i64.extend32_s
      i32.const 5 i64.extend_i32_u i64.add)`,
    result: 7n, used: 1 + 10,
  },
  {
    name: 'globals cost 2: 1 + global.get 2 + const + add + global.set 2 + global.get 2',
    wat: `(global $g (mut i32) (i32.const 41))
      (func (export "run") (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)`,
    result: 42, used: 9,
  },
  {
    name: 'memory access: store/load 1, memory.size 20, select 1, nop 1',
    wat: `(memory 1)
      (func (export "run") (result i32)
        i32.const 0 i32.const 42 i32.store
        i32.const 0 i32.load
        memory.size
        i32.const 1 select
        nop)`,
    result: 42, used: 1 + 3 + 2 + 20 + 2 + 1,
  },
  {
    name: 'ref.func 130 and ref.is_null 5',
    wat: `(func $f) (elem declare func $f)
      (func (export "run") (result i32) ref.func $f ref.is_null)`,
    result: 0, used: 136,
  },
  {
    name: 'a loop that falls through: entry 1 + re-entrant loop block of cost 0 + tail',
    wat: '(func (export "run") (result i32) loop nop end i32.const 3)',
    result: 3, used: 1 + 1 + 1,
  },
  {
    name: 'SIMD: v128.const 1, i32x4.mul 2, extract_lane 1',
    wat: `(func (export "run") (result i32)
      v128.const i32x4 1 2 3 4 v128.const i32x4 5 6 7 8 i32x4.mul i32x4.extract_lane 3)`,
    result: 32, used: 1 + 1 + 1 + 2 + 1,
  },
];

describe('[wasm/metering] exact instruction counts', () => {
  it.each(CASES)('$name', async ({ wat: body, args = [], result, used }) => {
    const harness = await instantiate(prepared(await wat(`(module ${body})`)));
    const run = harness.run('run', args);
    expect(run.result).toEqual(result);
    expect(run.used).toBe(BigInt(used));
  });

  it('memory.grow calls try_grow_wasm_memory with (old pages, delta) and returns its result', async () => {
    const harness = await instantiate(prepared(await wat('(module (memory 1) (func (export "run") (result i32) i32.const 2 memory.grow))')));
    expect(harness.run('run').result).toBe(1);
    expect(harness.growCalls).toEqual([[1, 2]]);
  });

  it('a failed memory.grow passes -1 to try_grow_wasm_memory', async () => {
    const harness = await instantiate(prepared(await wat('(module (memory 1 2) (func (export "run") (result i32) i32.const 5 memory.grow))')));
    expect(harness.run('run').result).toBe(-1);
    expect(harness.growCalls).toEqual([[-1, 5]]);
  });
});

describe('[wasm/metering] running out of instructions', () => {
  it('traps an infinite loop once the budget is spent, naming the cause in the call-depth global', async () => {
    const harness = await instantiate(prepared(await wat('(module (func (export "run") (loop br 0)))')));
    expect(() => harness.run('run', [], 1000n)).toThrow('unreachable');
    // The check traps by itself (a call in the loop would cost every iteration, BENCHMARKS.md): the host
    // tells this trap from a canister's own `unreachable` by the global.
    expect((harness.exports[CALL_DEPTH_EXPORT] as WebAssembly.Global).value).toBe(OUT_OF_INSTRUCTIONS_TRAP);
    expect(harness.outOfInstructionsCalls).toBe(0);
    // Entry 1, then each iteration charges the loop body (br 2): the check fires at the first header
    // where the counter is negative, i.e. after 500 iterations (1 + 2 × 500 = 1001 > 1000).
    expect(harness.counter.value).toBe(-1n);
  });

  it("a canister's own unreachable leaves the call-depth global as it was", async () => {
    const harness = await instantiate(prepared(await wat('(module (func (export "run") unreachable))')));
    const depth = harness.exports[CALL_DEPTH_EXPORT] as WebAssembly.Global;
    depth.value = -7;
    expect(() => harness.run('run', [], 1000n)).toThrow('unreachable');
    expect(depth.value).toBe(-7);
  });

  it('a huge bulk-memory op is charged before it runs and trips the limit', async () => {
    const harness = await instantiate(prepared(await wat(
      '(module (memory 2) (func (export "run") i32.const 0 i32.const 0 i32.const 65536 memory.fill))',
    )));
    expect(() => harness.run('run', [], 10_000n)).toThrow('out of instructions');
    // Static part first (1 + 3 + 100), then the 65,536-byte size, charged by the helper.
    expect(harness.counter.value).toBe(10_000n - 104n - 65_536n);
  });

  it.each<[string, bigint, bigint, bigint, number]>([
    ['charges the size and returns it', 1000n, 300n, 700n, 0],
    ['calls out_of_instructions when the counter goes negative', 100n, 300n, -200n, 1],
    ['saturates at i64::MIN instead of wrapping', -(2n ** 63n) + 200n, 2n ** 31n - 1n, -(2n ** 63n), 1],
  ])('the charging helper %s', async (_, before, size, after, calls) => {
    const helper = await chargeHelper();
    helper.counter.value = before;
    expect(helper.charge(size)).toBe(size);
    expect(helper.counter.value).toBe(after);
    expect(helper.outOfInstructionsCalls()).toBe(calls);
  });
});

/**
 * The charging helper alone, in a module of its own: `out_of_instructions` (function 0) returns here, which
 * the engine's never does, so the helper's own check and its saturation can be seen.
 */
async function chargeHelper(): Promise<{
  counter: WebAssembly.Global; charge: (size: bigint) => bigint; outOfInstructionsCalls: () => number;
}> {
  const body = createWriter();
  writeChargeHelperBody(body, 0);
  const code = writerBytes(body);
  const bytes = moduleBytes(
    section(1, [2, 0x60, 0, 0, 0x60, 1, 0x7e, 1, 0x7e]), // types: [] -> [], [i64] -> [i64]
    section(2, [1, ...nameBytes('__'), ...nameBytes('out_of_instructions'), 0, 0]),
    section(3, [1, 1]),
    section(6, [1, 0x7e, 1, 0x42, 0, 0x0b]), // (mut i64) (i64.const 0)
    section(7, [2, ...nameBytes('charge'), 0, 1, ...nameBytes('counter'), 3, 0]),
    section(10, [1, ...leb(code.length), ...code]),
  );
  let calls = 0;
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { __: { out_of_instructions: () => { calls++; } } });
  return {
    counter: instance.exports.counter as WebAssembly.Global,
    charge: instance.exports.charge as (size: bigint) => bigint,
    outOfInstructionsCalls: () => calls,
  };
}

/**
 * The counter is cached in a local within each function (`CounterSlots` in injectedCode.ts). What the host
 * sees must not change: a charge made during a call (a callee, an ic0 function) is kept by the code after
 * it, and at a trap the global holds what the replica's would.
 */
interface CounterCacheCase {
  name: string;
  wat: string;
  /** ic0 stubs; `charge(n)` subtracts from the counter as the engine's System API does. */
  ic0?: (charge: (n: bigint) => void) => Record<string, () => void>;
  used: number;
  trap?: string;
}

const COUNTER_CACHE_CASES: CounterCacheCase[] = [
  {
    name: 'a callee\'s charge survives the caller\'s next block: caller (1 + call 5) + callee (1 + const + drop) + loop 0',
    wat: '(func $callee i32.const 1 drop) (func (export "run") call $callee (loop))',
    used: 6 + 3,
  },
  {
    name: 'the same through call_indirect: caller (1 + const + call_indirect 10) + callee (1) + loop 0',
    wat: `(type $t (func)) (table 1 funcref) (elem (i32.const 0) $callee) (func $callee)
      (func (export "run") i32.const 0 call_indirect (type $t) (loop))`,
    used: 12 + 1,
  },
  {
    name: 'an ic0 function\'s charge survives: 1 + 2 consts + call 5, + 500 charged by the host',
    wat: `(import "ic0" "debug_print" (func $print (param i32 i32))) (memory 1)
      (func (export "run") i32.const 0 i32.const 0 call $print (loop))`,
    ic0: (charge) => ({ debug_print: () => charge(500n) }),
    used: 8 + 500,
  },
  {
    name: 'the barrier\'s calls hand the counter back: (1 + 3 + 3 + 3 + 3) + loop 0, each store of a new page',
    wat: `(memory 3) (func (export "run")
      i32.const 0 i32.const 1 i32.store  i32.const 65536 i64.const 1 i64.store
      i32.const 131072 f32.const 1 f32.store  i32.const 8 f64.const 1 f64.store (loop))`,
    used: 13,
  },
  {
    name: 'a trap after three loop iterations leaves the counter at the blocks charged: 1 + 3 × 8 + 3',
    wat: `(memory 1) (func (export "run") (local i32)
      loop local.get 0 i32.const 1 i32.add local.tee 0 i32.const 3 i32.lt_u br_if 0 end
      i32.const 70000 i32.load drop)`,
    used: 1 + 3 * 8 + 3,
    trap: 'memory access out of bounds',
  },
];

describe('[wasm/metering] the counter cached in a local is invisible to the host', () => {
  it.each(COUNTER_CACHE_CASES)('$name', async ({ wat: body, ic0, used, trap }) => {
    let harness: Harness | null = null;
    const charge = (n: bigint): void => { harness!.counter.value = (harness!.counter.value as bigint) - n; };
    harness = await instantiate(prepared(await wat(`(module ${body})`)), { ic0: ic0?.(charge) });
    harness.counter.value = 1_000_000n;
    const run = harness.exports.run as () => void;
    if (trap) expect(run).toThrow(trap);
    else run();
    expect(1_000_000n - (harness.counter.value as bigint)).toBe(BigInt(used));
  });
});
