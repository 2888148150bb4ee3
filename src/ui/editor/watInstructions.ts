/**
 * The instructions and module fields offered by completion in code: the ones a hand-written canister uses most,
 * each with a one-line reminder of its stack effect. Not the full instruction set: a list of hundreds would bury
 * these, and Monaco's word-based suggestions already offer whatever the document uses.
 */
export interface WatInstruction {
  readonly label: string;
  readonly detail: string;
  /** Module fields and block keywords, as opposed to instructions. */
  readonly keyword?: boolean;
}

const instr = (label: string, detail: string): WatInstruction => ({ label, detail });
const field = (label: string, detail: string): WatInstruction => ({ label, detail, keyword: true });

export const WAT_INSTRUCTIONS: readonly WatInstruction[] = [
  field('module', 'the module: imports, memory, globals, functions, exports'),
  field('import', '(import "ic0" "name" (func $id …)): a System API function'),
  field('export', '(export "name"): makes a function callable, e.g. "canister_update inc"'),
  field('func', '(func $id (param …) (result …) (local …) body)'),
  field('param', 'function parameters'),
  field('result', 'function results'),
  field('local', 'function locals'),
  field('memory', '(memory pages): the Wasm heap, in 64 KiB pages'),
  field('data', '(data (i32.const offset) "bytes"): initial memory contents'),
  field('global', '(global $id (mut i64) (i64.const 0)): a module-level variable'),
  field('mut', 'marks a global mutable'),
  field('table', '(table n funcref): function references, e.g. for call callbacks'),
  field('elem', '(elem (i32.const 0) $f …): fills the table'),
  field('block', 'block … end: a label to branch out of'),
  field('loop', 'loop … end: a label to branch back to'),
  field('if', '(if (cond) (then …) (else …))'),
  field('then', 'the branch taken when the condition is non-zero'),
  field('else', 'the branch taken when the condition is zero'),
  instr('call', 'calls a function by $id'),
  instr('call_indirect', 'calls a function through the table'),
  instr('br', 'branches to a label'),
  instr('br_if', '[i32] → []: branches if non-zero'),
  instr('return', 'returns from the function'),
  instr('unreachable', 'traps'),
  instr('drop', '[t] → []: discards a value'),
  instr('select', '[t t i32] → [t]'),
  instr('nop', 'does nothing'),
  instr('local.get', '[] → [t]'),
  instr('local.set', '[t] → []'),
  instr('local.tee', '[t] → [t]: sets and keeps the value'),
  instr('global.get', '[] → [t]'),
  instr('global.set', '[t] → []'),
  instr('i32.const', '[] → [i32]'),
  instr('i64.const', '[] → [i64]'),
  instr('i32.add', '[i32 i32] → [i32]'),
  instr('i32.sub', '[i32 i32] → [i32]'),
  instr('i32.mul', '[i32 i32] → [i32]'),
  instr('i32.eq', '[i32 i32] → [i32]'),
  instr('i32.eqz', '[i32] → [i32]'),
  instr('i32.lt_u', '[i32 i32] → [i32]'),
  instr('i32.gt_u', '[i32 i32] → [i32]'),
  instr('i64.add', '[i64 i64] → [i64]'),
  instr('i64.sub', '[i64 i64] → [i64]'),
  instr('i64.mul', '[i64 i64] → [i64]'),
  instr('i64.eq', '[i64 i64] → [i32]'),
  instr('i64.eqz', '[i64] → [i32]'),
  instr('i64.extend_i32_u', '[i32] → [i64]'),
  instr('i32.wrap_i64', '[i64] → [i32]'),
  instr('i32.load', '[addr] → [i32]: reads 4 bytes little-endian'),
  instr('i32.load8_u', '[addr] → [i32]: reads 1 byte'),
  instr('i32.store', '[addr i32] → []: writes 4 bytes little-endian'),
  instr('i32.store8', '[addr i32] → []: writes 1 byte'),
  instr('i64.load', '[addr] → [i64]: reads 8 bytes little-endian'),
  instr('i64.store', '[addr i64] → []: writes 8 bytes little-endian'),
  instr('memory.size', '[] → [i32]: pages'),
  instr('memory.grow', '[i32] → [i32]: old size in pages, or -1'),
  instr('memory.copy', '[dst src size] → []'),
  instr('memory.fill', '[dst byte size] → []'),
];
