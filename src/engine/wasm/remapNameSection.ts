/**
 * Rewrites the `name` custom section for the shifted function index space, as the replica does (it
 * shifts function, local and label names). Engines use it for stack traces, so keeping it right keeps
 * trap backtraces readable. A malformed name section is dropped rather than failing the module: it is
 * optional debugging data.
 */
import { createReader, readBytes, readU32, readU8, type ByteReader } from './binaryReader.ts';
import { createWriter, writeBytes, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';

/** Subsections keyed by function index: 1 = function names, 2 = local names, 3 = label names. */
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;
const LABEL_NAMES = 3;

function copyNameMap(r: ByteReader, w: ByteWriter, shift: number): void {
  const n = readU32(r);
  writeU32(w, n);
  for (let i = 0; i < n; i++) {
    writeU32(w, readU32(r) + shift);
    const len = readU32(r);
    writeU32(w, len);
    writeBytes(w, readBytes(r, len));
  }
}

/** An indirect name map: the outer index is a function index, the inner ones are locals or labels. */
function copyIndirectNameMap(r: ByteReader, w: ByteWriter, shift: number): void {
  const n = readU32(r);
  writeU32(w, n);
  for (let i = 0; i < n; i++) {
    writeU32(w, readU32(r) + shift);
    copyNameMap(r, w, 0);
  }
}

/**
 * Returns the payload of the remapped name section (without the section name), or null if the input is
 * malformed. `start`..`end` is the section's payload after its name.
 */
export function remapNameSection(bytes: Uint8Array, start: number, end: number, shift: number): Uint8Array | null {
  const r = createReader(bytes, start, end);
  const w = createWriter(end - start + 64);
  try {
    while (r.pos < r.end) {
      const id = readU8(r);
      const size = readU32(r);
      const sub = createReader(bytes, r.pos, r.pos + size);
      if (sub.end > r.end) return null;
      r.pos = sub.end;
      const content = createWriter(size + 16);
      if (id === FUNCTION_NAMES) {
        copyNameMap(sub, content, shift);
      } else if (id === LOCAL_NAMES || id === LABEL_NAMES) {
        copyIndirectNameMap(sub, content, shift);
      } else {
        writeBytes(content, bytes, sub.pos, sub.end);
        sub.pos = sub.end;
      }
      if (sub.pos !== sub.end) return null;
      writeU8(w, id);
      writeU32(w, content.len);
      writeBytes(w, content.buf, 0, content.len);
    }
  } catch {
    return null;
  }
  return w.buf.slice(0, w.len);
}
