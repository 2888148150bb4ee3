/**
 * Per-function "complexity", the replica's compile-time cost estimate (ic-reference.md §2.3 "Function
 * body … complexity ≤ 1,000,000"; VALID `wasm_function_complexity`), and the instructions it refuses
 * outright (table.grow/set/fill/copy/init). Anything not listed weighs 1.
 */
import { KEY_SPACE, opcodeKey } from './opcodes.ts';

export const WASM_FUNCTION_COMPLEXITY_LIMIT = 1_000_000;
/** Maximum number of instructions (including the final `end`) in one function body (VALID). */
export const WASM_FUNCTION_SIZE_LIMIT = 1_000_000;

const WEIGHTS: ReadonlyArray<readonly [number, string]> = [
  // Control flow and calls, which become branches or calls in compiled code; memory.grow gets a call injected.
  [50, 'block loop if br br_if br_table call call_indirect memory.grow'],
  [14, 'table.get'],
  [8, 'ref.func'],
  [6, 'ref.is_null'],
  [5, `i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u
    i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u
    f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s
    f64.convert_i64_u`],
  [4, 'f32.neg f32.abs f64.neg f64.abs memory.copy'],
  [3, `f32.copysign f64.copysign f64.eq i32.rem_u i32.rem_s i64.rem_u i64.rem_s i32.div_u i32.div_s i64.div_u
    i64.div_s memory.fill i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u
    i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.trunc_sat_f32_s
    i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u
    i64.trunc_sat_f64_s i64.trunc_sat_f64_u`],
  // `select` here is the untyped 0x1b; the typed `select t` weighs 1 in the replica.
  [2, `global.get i32.popcnt i64.popcnt select memory.size i32.store i32.store16 i32.store8 i64.store
    i64.store32 i64.store16 i64.store8 f64.store f32.store i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s
    i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u
    i64.le_s i64.le_u i64.ge_s i64.ge_u f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.ne f64.lt f64.gt f64.le
    f64.ge f32.ceil f64.ceil f32.floor f64.floor f32.sqrt f64.sqrt f32.trunc f64.trunc i32.reinterpret_f32
    i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 i32.wrap_i64 i32.extend8_s i32.extend16_s
    i64.extend8_s i64.extend16_s i64.extend32_s f64.promote_f32`],
];

/** Instructions the replica refuses in canister code (VALID `UnsupportedWasmInstruction`). */
export const REFUSED_INSTRUCTIONS: readonly string[] = ['table.grow', 'table.set', 'table.fill', 'table.copy', 'table.init'];

/** Complexity weight per opcode key; 0 marks a refused instruction. */
export const COMPLEXITY_WEIGHTS: Uint8Array = (() => {
  const table = new Uint8Array(KEY_SPACE).fill(1);
  for (const [weight, names] of WEIGHTS) {
    for (const name of names.trim().split(/\s+/)) table[opcodeKey(name)] = weight;
  }
  for (const name of REFUSED_INSTRUCTIONS) table[opcodeKey(name)] = 0;
  return table;
})();

/**
 * Sums the complexity of `count` instructions; returns -1 - i if instruction i is refused (so the
 * caller can name it) — a single pass that serves both checks.
 */
export function functionComplexity(keys: Uint16Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const w = COMPLEXITY_WEIGHTS[keys[i]];
    if (w === 0) return -1 - i;
    sum += w;
  }
  return sum;
}
