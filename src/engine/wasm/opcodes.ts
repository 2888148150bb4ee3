/**
 * The instruction set as data: every opcode's name and immediate layout, keyed by a small integer
 * "key" so per-instruction tables (costs, complexity) are flat arrays.
 *
 * Key space: a plain opcode byte is its own key (0x00–0xff); `0xfc <sub>` is 0x100 + sub (saturating
 * truncation, bulk memory, table ops); `0xfd <sub>` is 0x200 + sub (SIMD, incl. relaxed SIMD so it can
 * be refused by name). Proposals the replica disables (tail calls, exceptions, typed function
 * references/GC, threads, relaxed SIMD; ic-reference.md §2.3) are listed as `UNSUPPORTED` so the
 * decoder can name the instruction and the missing feature.
 */
import { RELAXED_SIMD_FIRST, RELAXED_SIMD_NAMES, SIMD_NAMES } from './simdOpcodes.ts';

/** How the bytes after an opcode are laid out. 0 means "no such opcode". */
export const IMM = {
  unknown: 0,
  none: 1,
  blockType: 2,
  label: 3, // u32 label index
  brTable: 4, // vec(label) label
  func: 5, // u32 function index
  callIndirect: 6, // u32 type index, u32 table index
  local: 7,
  global: 8,
  table: 9, // u32 table index
  memarg: 10, // u32 align flags, u32 offset
  memory: 11, // u32 memory index (must be 0)
  i32: 12, // s32
  i64: 13, // s64
  f32: 14, // 4 bytes
  f64: 15, // 8 bytes
  selectT: 16, // vec(valtype)
  refNull: 17, // heap type
  dataMemory: 18, // memory.init: u32 data index, u32 memory index
  data: 19, // data.drop: u32 data index
  memoryMemory: 20, // memory.copy: u32 dst memory, u32 src memory
  elemTable: 21, // table.init: u32 elem index, u32 table index
  elem: 22, // elem.drop
  tableTable: 23, // table.copy: u32 dst table, u32 src table
  v128: 24, // 16 bytes
  shuffle: 25, // 16 lane indices
  lane: 26, // 1 byte lane index
  memargLane: 27, // memarg + lane index
  unsupported: 28,
} as const;

export const FC_BASE = 0x100;
export const FD_BASE = 0x200;
export const KEY_SPACE = FD_BASE + RELAXED_SIMD_FIRST + RELAXED_SIMD_NAMES.length;

/** Keys the decoder and the instrumenter look at directly. */
export const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  returnCall: 0x12,
  returnCallIndirect: 0x13,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  globalGet: 0x23,
  refNull: 0xd0,
  refFunc: 0xd2,
  memoryInit: FC_BASE + 8,
  memoryCopy: FC_BASE + 10,
  memoryFill: FC_BASE + 11,
  tableInit: FC_BASE + 12,
  tableCopy: FC_BASE + 14,
  tableGrow: FC_BASE + 15,
  tableFill: FC_BASE + 17,
  v128Const: FD_BASE + 0x0c,
} as const;

const EXCEPTIONS = 'exception handling is not enabled on the Internet Computer';
const TAIL_CALLS = 'tail calls are not enabled on the Internet Computer';
const FUNCTION_REFERENCES = 'typed function references and GC are not enabled on the Internet Computer';
const RELAXED_SIMD = 'relaxed SIMD is not enabled on the Internet Computer';

/** Instruction name per key ('' when the key is not an opcode). */
export const OPCODE_NAMES: string[] = new Array<string>(KEY_SPACE).fill('');
/** Immediate layout per key (`IMM.unknown` when the key is not an opcode). */
export const OPCODE_IMM = new Uint8Array(KEY_SPACE);
/** Why an `IMM.unsupported` opcode is refused. */
export const UNSUPPORTED_FEATURE = new Map<number, string>();

function define(firstKey: number, names: string, imm: number): void {
  names.trim().split(/\s+/).forEach((name, i) => {
    if (name === '-') return;
    OPCODE_NAMES[firstKey + i] = name;
    OPCODE_IMM[firstKey + i] = imm;
  });
}

function unsupported(key: number, name: string, feature: string): void {
  OPCODE_NAMES[key] = name;
  OPCODE_IMM[key] = IMM.unsupported;
  UNSUPPORTED_FEATURE.set(key, feature);
}

// Control (MVP + multi-value block types).
define(0x00, 'unreachable nop', IMM.none);
define(0x02, 'block loop if', IMM.blockType);
define(0x05, 'else', IMM.none);
define(0x0b, 'end', IMM.none);
define(0x0c, 'br br_if', IMM.label);
define(0x0e, 'br_table', IMM.brTable);
define(0x0f, 'return', IMM.none);
define(0x10, 'call', IMM.func);
define(0x11, 'call_indirect', IMM.callIndirect);
// Parametric.
define(0x1a, 'drop select', IMM.none);
define(0x1c, 'select', IMM.selectT);
// Variables.
define(0x20, 'local.get local.set local.tee', IMM.local);
define(0x23, 'global.get global.set', IMM.global);
// Reference types: table access.
define(0x25, 'table.get table.set', IMM.table);
// Memory.
define(0x28, `i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u
  i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u
  i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32`, IMM.memarg);
define(0x3f, 'memory.size memory.grow', IMM.memory);
// Constants.
define(0x41, 'i32.const', IMM.i32);
define(0x42, 'i64.const', IMM.i64);
define(0x43, 'f32.const', IMM.f32);
define(0x44, 'f64.const', IMM.f64);
// Numeric (MVP), 0x45–0xbf, then sign extension 0xc0–0xc4.
define(0x45, `i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
  i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
  f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
  i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
  i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
  i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
  i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
  f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div
  f32.min f32.max f32.copysign
  f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div
  f64.min f64.max f64.copysign
  i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
  i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
  f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
  f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
  i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
  i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s`, IMM.none);
// Reference types.
define(0xd0, 'ref.null', IMM.refNull);
define(0xd1, 'ref.is_null', IMM.none);
define(0xd2, 'ref.func', IMM.func);
// 0xfc: non-trapping float-to-int, bulk memory, table operations.
define(FC_BASE, `i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
  i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u`, IMM.none);
define(FC_BASE + 8, 'memory.init', IMM.dataMemory);
define(FC_BASE + 9, 'data.drop', IMM.data);
define(FC_BASE + 10, 'memory.copy', IMM.memoryMemory);
define(FC_BASE + 11, 'memory.fill', IMM.memory);
define(FC_BASE + 12, 'table.init', IMM.elemTable);
define(FC_BASE + 13, 'elem.drop', IMM.elem);
define(FC_BASE + 14, 'table.copy', IMM.tableTable);
define(FC_BASE + 15, 'table.grow table.size table.fill', IMM.table);
// 0xfd: SIMD.
SIMD_NAMES.forEach((name, sub) => {
  if (name === '-') return;
  const imm = name === 'v128.const' ? IMM.v128
    : name === 'i8x16.shuffle' ? IMM.shuffle
    : name.endsWith('_lane') && name.startsWith('v128.') ? IMM.memargLane
    : name.includes('_lane') ? IMM.lane
    : name.startsWith('v128.load') || name === 'v128.store' ? IMM.memarg
    : IMM.none;
  define(FD_BASE + sub, name, imm);
});
RELAXED_SIMD_NAMES.forEach((name, i) => unsupported(FD_BASE + RELAXED_SIMD_FIRST + i, name, RELAXED_SIMD));
// Proposals the replica disables.
[[0x06, 'try'], [0x07, 'catch'], [0x08, 'throw'], [0x09, 'rethrow'], [0x0a, 'throw_ref'], [0x18, 'delegate'],
  [0x19, 'catch_all'], [0x1f, 'try_table']].forEach(([key, name]) => unsupported(key as number, name as string, EXCEPTIONS));
unsupported(0x12, 'return_call', TAIL_CALLS);
unsupported(0x13, 'return_call_indirect', TAIL_CALLS);
[[0x14, 'call_ref'], [0x15, 'return_call_ref'], [0xd3, 'ref.eq'], [0xd4, 'ref.as_non_null'], [0xd5, 'br_on_null'],
  [0xd6, 'br_on_non_null']].forEach(([key, name]) => unsupported(key as number, name as string, FUNCTION_REFERENCES));

/** Name → key, for tests and for building the cost tables from instruction names. */
export const OPCODE_KEYS: ReadonlyMap<string, number> = new Map(
  OPCODE_NAMES.flatMap((name, key) => (name === '' || (name === 'select' && key === 0x1c) ? [] : [[name, key] as const])),
);

/** The key of a named instruction; throws for a name that is not in the table (a bug in a table). */
export function opcodeKey(name: string): number {
  const key = OPCODE_KEYS.get(name);
  if (key === undefined) throw new Error(`unknown Wasm instruction name "${name}"`);
  return key;
}
