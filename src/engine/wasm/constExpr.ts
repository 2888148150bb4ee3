/**
 * Constant expressions (global initialisers, segment offsets, element items). The replica's module
 * representation holds exactly one operator per expression (ic-reference.md §2.3: "active data segment
 * offsets must be a single i32.const"; globals "have a single instruction initializer"), so longer
 * (extended-const) expressions are refused here with a clear message.
 */
import { decodeError, readS32, readU32, readU8, skipBytes, skipLeb, type ByteReader } from './binaryReader.ts';
import { writeBytes, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { FD_BASE, OP } from './opcodes.ts';
import type { ConstExpr } from './wasmModule.ts';

/** Reads `instr end`; `where` names the expression's owner for messages (e.g. "global 3"). */
export function readConstExpr(r: ByteReader, where: string): ConstExpr {
  const start = r.pos;
  const op = readU8(r);
  let key = op;
  let value = 0;
  switch (op) {
    case OP.i32Const:
      value = readS32(r);
      break;
    case OP.i64Const:
      skipLeb(r, 10);
      break;
    case OP.f32Const:
      skipBytes(r, 4);
      break;
    case OP.f64Const:
      skipBytes(r, 8);
      break;
    case OP.refNull: {
      const heapType = readU8(r);
      if (heapType !== 0x70 && heapType !== 0x6f) throw decodeError(r, `invalid ref.null type in ${where}`);
      break;
    }
    case OP.refFunc:
    case OP.globalGet:
      value = readU32(r);
      break;
    case 0xfd:
      if (readU32(r) !== 0x0c) throw decodeError(r, `invalid constant expression in ${where}`);
      skipBytes(r, 16);
      key = OP.v128Const;
      break;
    default:
      r.pos = start;
      throw decodeError(r, `invalid constant expression in ${where}`);
  }
  if (readU8(r) !== OP.end) {
    throw new CanisterModuleError(
      `Wasm module has an unsupported constant expression in ${where}: only a single constant instruction is allowed.`,
    );
  }
  return { start, end: r.pos, op: key, value };
}

/** Writes `expr` with function indices shifted by `shift` (only `ref.func` carries one). */
export function writeConstExpr(w: ByteWriter, bytes: Uint8Array, expr: ConstExpr, shift: number): void {
  if (expr.op === OP.refFunc) {
    writeU8(w, OP.refFunc);
    writeU32(w, expr.value + shift);
    writeU8(w, OP.end);
  } else {
    writeBytes(w, bytes, expr.start, expr.end);
  }
}

/** A short text form for messages, e.g. `global.get 0`. */
export function describeConstExpr(expr: ConstExpr): string {
  switch (expr.op) {
    case OP.i32Const: return `i32.const ${expr.value}`;
    case OP.i64Const: return 'i64.const';
    case OP.f32Const: return 'f32.const';
    case OP.f64Const: return 'f64.const';
    case OP.refNull: return 'ref.null';
    case OP.refFunc: return `ref.func ${expr.value}`;
    case OP.globalGet: return `global.get ${expr.value}`;
    case FD_BASE + 0x0c: return 'v128.const';
    default: return 'unknown';
  }
}
