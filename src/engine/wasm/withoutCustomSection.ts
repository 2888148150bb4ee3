/**
 * A module without its custom sections of one name, every other byte kept. Walks the section headers only. The
 * Motoko pipeline drops moc's `name` section with it: moc.js numbers the names it makes up from a counter that
 * runs on across compilations in one process, so that section (and only it) differs between two compilations
 * of the same source (docs/ARCHITECTURE.md).
 */
import { createReader, readName, readU32, readU8 } from './binaryReader.ts';

const CUSTOM_SECTION = 0;
const HEADER_BYTES = 8;

/** `bytes` itself when no section has that name; a malformed module is returned unchanged (validation says why). */
export function withoutCustomSection(bytes: Uint8Array, name: string): Uint8Array {
  const kept: [number, number][] = [];
  let dropped = false;
  try {
    const r = createReader(bytes, HEADER_BYTES);
    while (r.pos < r.end) {
      const start = r.pos;
      const id = readU8(r);
      const end = readU32(r) + r.pos;
      if (end > r.end) return bytes;
      const drop = id === CUSTOM_SECTION && readName(createReader(bytes, r.pos, end)) === name;
      if (drop) dropped = true;
      else kept.push([start, end]);
      r.pos = end;
    }
  } catch {
    return bytes;
  }
  if (!dropped) return bytes;
  const out = new Uint8Array(kept.reduce((size, [start, end]) => size + end - start, HEADER_BYTES));
  out.set(bytes.subarray(0, HEADER_BYTES));
  let at = HEADER_BYTES;
  for (const [start, end] of kept) {
    out.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  return out;
}
