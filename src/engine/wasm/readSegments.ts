/**
 * Element and data segment decoding (all binary forms: flags 0–7 for elements, 0–2 for data), kept
 * apart from `parseModule.ts` because the element encodings need some care.
 */
import { decodeError, readU32, readU8, skipBytes, type ByteReader } from './binaryReader.ts';
import { readConstExpr } from './constExpr.ts';
import type { ConstExpr, DataSegment, ElementSegment } from './wasmModule.ts';

/**
 * Element segment flags: bit 0 = passive or declarative, bit 1 = explicit table index (active) or
 * declarative (non-active), bit 2 = items are expressions rather than function indices.
 */
export function readElementSegment(r: ByteReader, index: number): ElementSegment {
  const where = `element segment ${index}`;
  const flags = readU32(r);
  if (flags > 7) throw decodeError(r, `invalid flags ${flags} in ${where}`);
  const active = (flags & 1) === 0;
  const usesExprs = (flags & 4) !== 0;
  const tableIndex = active && (flags & 2) !== 0 ? readU32(r) : 0;
  const offset = active ? readConstExpr(r, where) : null;
  // Flags 0 and 4 imply funcref; all other forms spell out an elemkind (0x00) or a reftype.
  const typeByte = (flags & 3) === 0 ? 0x70 : readU8(r);
  if (!usesExprs && (flags & 3) !== 0 && typeByte !== 0x00) throw decodeError(r, `invalid element kind in ${where}`);
  if (usesExprs && typeByte !== 0x70 && typeByte !== 0x6f) throw decodeError(r, `invalid reference type in ${where}`);
  const count = readU32(r);
  if (usesExprs) {
    const exprs: ConstExpr[] = [];
    for (let i = 0; i < count; i++) exprs.push(readConstExpr(r, where));
    return { flags, tableIndex, offset, typeByte, funcIndices: null, exprs };
  }
  const funcIndices: number[] = [];
  for (let i = 0; i < count; i++) funcIndices.push(readU32(r));
  return { flags, tableIndex, offset, typeByte, funcIndices, exprs: null };
}

/** Data segment flags: 0 = active in memory 0, 1 = passive, 2 = active with an explicit memory index. */
export function readDataSegment(r: ByteReader, index: number): DataSegment {
  const where = `data segment ${index}`;
  const flags = readU32(r);
  if (flags > 2) throw decodeError(r, `invalid flags ${flags} in ${where}`);
  const active = flags !== 1;
  const memoryIndex = flags === 2 ? readU32(r) : 0;
  const offset = active ? readConstExpr(r, where) : null;
  const size = readU32(r);
  const dataStart = r.pos;
  skipBytes(r, size);
  return { active, memoryIndex, offset, dataStart, dataEnd: r.pos };
}
