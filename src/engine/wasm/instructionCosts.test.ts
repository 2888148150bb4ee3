import { describe, expect, it } from 'vitest';
import { INSTRUCTION_COSTS_WASM32, INSTRUCTION_COSTS_WASM64 } from './instructionCosts.ts';
import { opcodeKey } from './opcodes.ts';

describe('[wasm/instructionCosts] ic-reference.md §8.2', () => {
  it.each([
    ['block', 0], ['loop', 0], ['else', 0], ['end', 0],
    ['i32.const', 1], ['i64.add', 1], ['i32.rotr', 1], ['i64.ge_u', 1], ['i32.popcnt', 1], ['local.tee', 1],
    ['select', 1], ['drop', 1], ['nop', 1], ['return', 1], ['unreachable', 1], ['i64.extend32_s', 1], ['ref.null', 1],
    ['i32.div_s', 10], ['i64.rem_u', 10],
    ['i32.load', 1], ['i64.store32', 1], ['v128.load16_lane', 1],
    ['global.get', 2], ['global.set', 2],
    ['if', 2], ['br', 2], ['br_if', 2], ['br_table', 2],
    ['call', 5], ['call_indirect', 10],
    ['f32.add', 2], ['f64.nearest', 2], ['f32.abs', 1], ['f64.neg', 1],
    ['f32.div', 3], ['f64.div', 5], ['f32.sqrt', 5], ['f64.sqrt', 8], ['f32.min', 18], ['f64.max', 18],
    ['f32.copysign', 2], ['f64.copysign', 3], ['f64.le', 3],
    ['f32.convert_i64_s', 3], ['f64.convert_i32_u', 16], ['i32.trunc_f64_u', 20], ['i64.trunc_sat_f32_s', 20],
    ['f32.demote_f64', 1],
    ['memory.grow', 300], ['table.grow', 300], ['memory.size', 20], ['table.size', 100],
    ['memory.fill', 100], ['memory.copy', 100], ['memory.init', 100], ['table.copy', 100],
    ['data.drop', 300], ['elem.drop', 300],
    ['table.get', 5], ['table.set', 5], ['ref.is_null', 5], ['ref.func', 130],
    ['i64x2.mul', 4], ['f32x4.div', 10], ['f64x2.div', 12], ['f64x2.sqrt', 14], ['i8x16.shuffle', 3],
    ['i32x4.add', 1], ['v128.const', 1], ['f64x2.max', 5], ['f64x2.min', 4],
  ])('%s costs %d', (name, cost) => {
    expect(INSTRUCTION_COSTS_WASM32[opcodeKey(name)]).toBe(cost);
  });

  it('the typed select costs what select costs', () => {
    expect(INSTRUCTION_COSTS_WASM32[0x1c]).toBe(1);
  });

  it.each(['i32.load', 'f64.store', 'v128.load', 'v128.store64_lane'])('%s costs 2 for wasm64', (name) => {
    expect(INSTRUCTION_COSTS_WASM64[opcodeKey(name)]).toBe(2);
  });
});
