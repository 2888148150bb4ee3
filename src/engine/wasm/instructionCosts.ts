/**
 * Static instruction costs for metering: the replica's `instruction_to_cost` (ic-reference.md §8.2,
 * INSTR `rs/embedders/src/wasm_utils/instrumentation.rs` @ 002d5530), one entry per opcode group.
 * Anything not listed costs 1 ("anything else | 1"). Bulk memory ops additionally pay their size operand
 * at run time (see `injectedCode.ts`).
 */
import { KEY_SPACE, opcodeKey } from './opcodes.ts';

interface CostGroup {
  /** Instruction names, space separated. */
  readonly ops: string;
  /** Cost in instructions for wasm32, and for wasm64 when it differs. */
  readonly cost: number;
  readonly cost64?: number;
}

const INT_ARITH = 'add sub mul and or xor shl shr_s shr_u rotl rotr';
const INT_CMP = 'eqz eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
const both = (prefixes: string, names: string): string =>
  prefixes.split(' ').flatMap((p) => names.split(' ').map((n) => `${p}.${n}`)).join(' ');

export const COST_GROUPS: readonly CostGroup[] = [
  // §8.2 "block, loop, else, end | 0": they only delimit code.
  { ops: 'block loop else end', cost: 0 },
  // §8.2 "consts … | 1".
  { ops: 'i32.const i64.const f32.const f64.const', cost: 1 },
  // §8.2 "integer add/sub/mul/and/or/xor/shifts/rotates | 1".
  { ops: both('i32 i64', INT_ARITH), cost: 1 },
  // §8.2 "integer div/rem | 10".
  { ops: both('i32 i64', 'div_s div_u rem_s rem_u'), cost: 10 },
  // §8.2 "integer comparisons | 1", "clz/ctz/popcnt | 1".
  { ops: both('i32 i64', INT_CMP), cost: 1 },
  { ops: both('i32 i64', 'clz ctz popcnt'), cost: 1 },
  // §8.2 float: "abs/neg | 1"; "add/sub/mul/ceil/floor/trunc/nearest | 2".
  { ops: both('f32 f64', 'abs neg'), cost: 1 },
  { ops: both('f32 f64', 'add sub mul ceil floor trunc nearest'), cost: 2 },
  // §8.2 "f32.div / f64.div | 3 / 5", "sqrt | 5 / 8", "min/max | 18", "copysign | 2 / 3".
  { ops: 'f32.div', cost: 3 },
  { ops: 'f64.div', cost: 5 },
  { ops: both('f32 f64', 'min max'), cost: 18 },
  { ops: 'f32.copysign', cost: 2 },
  { ops: 'f64.copysign', cost: 3 },
  { ops: 'f32.sqrt', cost: 5 },
  { ops: 'f64.sqrt', cost: 8 },
  // §8.2 "float comparisons | 3".
  { ops: both('f32 f64', 'eq ne lt gt le ge'), cost: 3 },
  // §8.2 "extends/wraps/reinterprets | 1", "demote/promote | 1".
  { ops: `i32.wrap_i64 i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s
      f64.reinterpret_i64 i64.reinterpret_f64 i32.reinterpret_f32 f32.reinterpret_i32 i64.extend_i32_s
      i64.extend_i32_u f32.demote_f64 f64.promote_f32`, cost: 1 },
  // §8.2 "int→float convert, signed / unsigned | 3 / 16".
  { ops: 'f32.convert_i32_s f64.convert_i64_s f32.convert_i64_s f64.convert_i32_s', cost: 3 },
  { ops: 'f64.convert_i32_u f32.convert_i64_u f32.convert_i32_u f64.convert_i64_u', cost: 16 },
  // §8.2 "float→int trunc and trunc_sat | 20".
  { ops: both('i32 i64', 'trunc_f32_s trunc_f32_u trunc_f64_s trunc_f64_u trunc_sat_f32_s trunc_sat_f32_u trunc_sat_f64_s trunc_sat_f64_u'), cost: 20 },
  // §8.2 "loads/stores (incl. v128 lanes) | 1 (wasm32), 2 (wasm64)".
  { ops: `i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u i64.load8_s
      i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store
      i32.store8 i32.store16 i64.store8 i64.store16 i64.store32
      v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s v128.load32x2_u
      v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.load32_zero v128.load64_zero
      v128.store v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane v128.store8_lane
      v128.store16_lane v128.store32_lane v128.store64_lane`, cost: 1, cost64: 2 },
  // §8.2 "global.get / global.set | 2".
  { ops: 'global.get global.set', cost: 2 },
  // §8.2 "table.get, table.set, ref.is_null | 5".
  { ops: 'table.get table.set ref.is_null', cost: 5 },
  // §8.2 "local.get/set/tee, select, drop, nop, return, unreachable, ref.null | 1".
  { ops: 'local.get local.set local.tee select drop nop return unreachable ref.null', cost: 1 },
  // §8.2 "memory.grow, table.grow | 300; memory.size 20; table.size 100".
  { ops: 'memory.grow table.grow', cost: 300 },
  { ops: 'memory.size', cost: 20 },
  { ops: 'table.size', cost: 100 },
  // §8.2 "memory.fill/copy/init, table.fill/copy/init | 100 static + size dynamically".
  { ops: 'memory.fill memory.copy memory.init table.fill table.copy table.init', cost: 100 },
  // §8.2 "data.drop, elem.drop | 300".
  { ops: 'data.drop elem.drop', cost: 300 },
  // §8.2 "call 5; call_indirect 10" (return_call 3 / return_call_indirect 60 are refused: no tail calls).
  { ops: 'call', cost: 5 },
  { ops: 'call_indirect', cost: 10 },
  // §8.2 "if, br, br_if, br_table | 2".
  { ops: 'if br br_if br_table', cost: 2 },
  // §8.2 "ref.func | 130".
  { ops: 'ref.func', cost: 130 },
  // §8.2 "SIMD | mostly 1–4": the replica's per-instruction SIMD weights that are not 1.
  { ops: 'i8x16.shuffle i8x16.popcnt i8x16.shl i8x16.shr_s i32x4.extadd_pairwise_i16x8_u i64x2.shr_s i32x4.trunc_sat_f64x2_u_zero', cost: 3 },
  { ops: `i8x16.lt_u i8x16.gt_u i16x8.lt_u i16x8.gt_u i32x4.lt_u i32x4.gt_u i8x16.shr_u
      i16x8.extadd_pairwise_i8x16_u i16x8.extmul_high_i8x16_s i16x8.extmul_high_i8x16_u
      i16x8.shl i16x8.shr_s i16x8.shr_u i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.mul
      i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u
      i64x2.shl i64x2.shr_u i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f64x2_s_zero`, cost: 2 },
  { ops: 'i64x2.mul i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_u f32x4.min f32x4.max f64x2.min', cost: 4 },
  { ops: 'f64x2.max', cost: 5 },
  { ops: both('f32x4 f64x2', 'ceil floor trunc nearest abs neg add sub mul'), cost: 2 },
  { ops: 'f32x4.sqrt', cost: 5 },
  { ops: 'f32x4.div', cost: 10 },
  { ops: 'f64x2.div', cost: 12 },
  { ops: 'f64x2.sqrt', cost: 14 },
];

function buildTable(memory64: boolean): Uint16Array {
  const table = new Uint16Array(KEY_SPACE).fill(1);
  for (const group of COST_GROUPS) {
    const cost = memory64 && group.cost64 !== undefined ? group.cost64 : group.cost;
    for (const name of group.ops.trim().split(/\s+/)) table[opcodeKey(name)] = cost;
  }
  // The typed `select t` (0x1c) is `select` too.
  table[0x1c] = table[opcodeKey('select')];
  return table;
}

/** Cost per opcode key for wasm32 modules. */
export const INSTRUCTION_COSTS_WASM32: Uint16Array = buildTable(false);
/** Cost per opcode key for wasm64 modules (loads and stores cost 2). */
export const INSTRUCTION_COSTS_WASM64: Uint16Array = buildTable(true);
