/**
 * Decodes one instruction: reads the opcode and skips its immediates, returning the opcode key
 * (see `opcodes.ts`). Covers MVP, multi-value block types, sign extension, saturating truncation, bulk
 * memory, reference types and SIMD; refuses the proposals the replica disables with a message naming
 * the instruction. Type checking is left to the engine's own validator (`WebAssembly.validate`).
 */
import { decodeError, readS33, readU32, readU8, skipBytes, skipLeb, type ByteReader } from './binaryReader.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { FC_BASE, FD_BASE, IMM, KEY_SPACE, OPCODE_IMM, OPCODE_NAMES, UNSUPPORTED_FEATURE } from './opcodes.ts';
import { isValType } from './wasmModule.ts';

// Hot-loop aliases: module-local constants instead of imported bindings, which test-time transforms
// (vite SSR, tsx) turn into getter calls on every access.
const IMM_TABLE = OPCODE_IMM;
const {
  unknown: I_UNKNOWN, none: I_NONE, blockType: I_BLOCK_TYPE, label: I_LABEL, func: I_FUNC, local: I_LOCAL,
  global: I_GLOBAL, table: I_TABLE, data: I_DATA, elem: I_ELEM, callIndirect: I_CALL_INDIRECT,
  elemTable: I_ELEM_TABLE, tableTable: I_TABLE_TABLE, brTable: I_BR_TABLE, memarg: I_MEMARG, memory: I_MEMORY,
  dataMemory: I_DATA_MEMORY, memoryMemory: I_MEMORY_MEMORY, i32: I_I32, i64: I_I64, f32: I_F32, f64: I_F64,
  selectT: I_SELECT_T, refNull: I_REF_NULL, v128: I_V128, shuffle: I_SHUFFLE, lane: I_LANE,
  memargLane: I_MEMARG_LANE, unsupported: I_UNSUPPORTED,
} = IMM;
const FC = FC_BASE;
const FD = FD_BASE;
const KEYS = KEY_SPACE;
const u8 = readU8;
const u32 = readU32;
const skip = skipBytes;
const skipInt = skipLeb;

const GC_OR_FUNCTION_REFERENCES = 'typed function references and GC are not enabled on the Internet Computer';
const THREADS = 'threads and atomics are not enabled on the Internet Computer';
const MULTI_MEMORY = 'multi-memory is not enabled on the Internet Computer';

/** The replica's message for an instruction it refuses (`UnsupportedWasmInstruction`), with the reason. */
export function unsupportedInstructionError(codeIndex: number, instruction: string, why?: string): CanisterModuleError {
  const reason = why ? ` (${why})` : '';
  return new CanisterModuleError(
    `Wasm module contains a function at index ${codeIndex} with unsupported instruction ${instruction}${reason}.`,
  );
}

/**
 * Reads a value type byte; GC / typed-reference types are refused. `where` names the place for messages:
 * a number is a function's code index (kept numeric so the hot path builds no strings).
 */
export function readValType(r: ByteReader, where: number | string): number {
  const b = u8(r);
  if (isValType(b)) return b;
  if (b === 0x63 || b === 0x64 || (b >= 0x65 && b <= 0x6e) || (b >= 0x71 && b <= 0x74)) {
    const place = typeof where === 'number' ? `the function at index ${where}` : where;
    return throwUnsupportedType(b, place);
  }
  r.pos--;
  throw decodeError(r, `invalid value type 0x${b.toString(16)}`);
}

/** For refused features that are not a single named instruction. */
function featureError(codeIndex: number, what: string, why: string): CanisterModuleError {
  return new CanisterModuleError(`Wasm module contains a function at index ${codeIndex} that uses ${what}, but ${why}.`);
}

function throwUnsupportedType(b: number, place: string): never {
  throw new CanisterModuleError(
    `Wasm module uses the value type 0x${b.toString(16)} in ${place}, but ${GC_OR_FUNCTION_REFERENCES}.`,
  );
}

function readBlockType(r: ByteReader, codeIndex: number): void {
  const b = r.pos < r.end ? r.bytes[r.pos] : -1;
  if (b === 0x40 || isValType(b)) {
    r.pos++;
    return;
  }
  if (b >= 0 && (b < 0x40 || b >= 0x80)) {
    // A non-negative s33 is a type index (multi-value block type).
    if (readS33(r) < 0) throw decodeError(r, 'invalid block type');
    return;
  }
  readValType(r, codeIndex); // throws with the right message
}

function readMemoryIndex(r: ByteReader, codeIndex: number): void {
  const index = u32(r);
  if (index !== 0) throw featureError(codeIndex, `memory ${index}`, MULTI_MEMORY);
}

function readMemarg(r: ByteReader, codeIndex: number): void {
  const align = u32(r);
  if (align & 0x40) throw featureError(codeIndex, 'an explicit memory index', MULTI_MEMORY);
  u32(r); // offset: wasm32 only (memory64 is refused before bodies are decoded)
}

function readOpcodeKey(r: ByteReader, codeIndex: number): number {
  const op = u8(r);
  if (op === 0xfc) {
    const sub = u32(r);
    return sub < 0x100 ? FC + sub : -1;
  }
  if (op === 0xfd) {
    const sub = u32(r);
    return FD + sub < KEYS ? FD + sub : -1;
  }
  if (op === 0xfb) throw featureError(codeIndex, 'a GC instruction (prefix 0xfb)', GC_OR_FUNCTION_REFERENCES);
  if (op === 0xfe) throw featureError(codeIndex, 'an atomic instruction (prefix 0xfe)', THREADS);
  return op;
}

/**
 * Reads one instruction at `r.pos` and returns its opcode key. `codeIndex` (the function's position in
 * the code section, as in the replica's messages) is only used for error messages.
 */
export function readInstruction(r: ByteReader, codeIndex: number): number {
  const start = r.pos;
  const key = readOpcodeKey(r, codeIndex);
  const imm = key < 0 ? I_UNKNOWN : IMM_TABLE[key];
  switch (imm) {
    case I_NONE:
      break;
    case I_BLOCK_TYPE:
      readBlockType(r, codeIndex);
      break;
    case I_LABEL:
    case I_FUNC:
    case I_LOCAL:
    case I_GLOBAL:
    case I_TABLE:
    case I_DATA:
    case I_ELEM:
      u32(r);
      break;
    case I_CALL_INDIRECT:
    case I_ELEM_TABLE:
    case I_TABLE_TABLE:
      u32(r);
      u32(r);
      break;
    case I_BR_TABLE: {
      const n = u32(r);
      for (let i = 0; i <= n; i++) u32(r);
      break;
    }
    case I_MEMARG:
      readMemarg(r, codeIndex);
      break;
    case I_MEMORY:
      readMemoryIndex(r, codeIndex);
      break;
    case I_DATA_MEMORY:
      u32(r);
      readMemoryIndex(r, codeIndex);
      break;
    case I_MEMORY_MEMORY:
      readMemoryIndex(r, codeIndex);
      readMemoryIndex(r, codeIndex);
      break;
    case I_I32:
      skipInt(r, 5);
      break;
    case I_I64:
      skipInt(r, 10);
      break;
    case I_F32:
      skip(r, 4);
      break;
    case I_F64:
      skip(r, 8);
      break;
    case I_SELECT_T: {
      const n = u32(r);
      for (let i = 0; i < n; i++) readValType(r, codeIndex);
      break;
    }
    case I_REF_NULL: {
      const heapType = u8(r);
      if (heapType !== 0x70 && heapType !== 0x6f) {
        throw featureError(codeIndex, `ref.null with heap type 0x${heapType.toString(16)}`, GC_OR_FUNCTION_REFERENCES);
      }
      break;
    }
    case I_V128:
    case I_SHUFFLE:
      skip(r, 16);
      break;
    case I_LANE:
      skip(r, 1);
      break;
    case I_MEMARG_LANE:
      readMemarg(r, codeIndex);
      skip(r, 1);
      break;
    case I_UNSUPPORTED:
      throw unsupportedInstructionError(codeIndex, OPCODE_NAMES[key], UNSUPPORTED_FEATURE.get(key));
    default: {
      const shown = Array.from(r.bytes.subarray(start, Math.min(r.pos, start + 6)), (b) => b.toString(16).padStart(2, '0'));
      r.pos = start;
      throw decodeError(r, `unknown instruction 0x${shown.join(' 0x')} in the function at index ${codeIndex}`);
    }
  }
  return key;
}
