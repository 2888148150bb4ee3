/**
 * A growable byte buffer with the LEB128 writers the instrumenter needs. Plain object + free functions,
 * like `binaryReader.ts`.
 */

export interface ByteWriter {
  buf: Uint8Array;
  len: number;
}

const ENCODER = new TextEncoder();

export function createWriter(capacity = 256): ByteWriter {
  return { buf: new Uint8Array(Math.max(16, capacity)), len: 0 };
}

function ensure(w: ByteWriter, extra: number): void {
  const need = w.len + extra;
  if (need <= w.buf.length) return;
  let cap = Math.max(16, w.buf.length * 2);
  while (cap < need) cap *= 2;
  const next = new Uint8Array(cap);
  next.set(w.buf.subarray(0, w.len));
  w.buf = next;
}

export function writeU8(w: ByteWriter, b: number): void {
  if (w.len >= w.buf.length) ensure(w, 1);
  w.buf[w.len++] = b;
}

/** Unsigned LEB128, minimal encoding, for values in [0, 2^32). */
export function writeU32(w: ByteWriter, value: number): void {
  ensure(w, 5);
  let v = value >>> 0;
  while (v >= 0x80) {
    w.buf[w.len++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  w.buf[w.len++] = v;
}

/**
 * Signed LEB128 for any safe integer (|value| < 2^53), minimal encoding. Division instead of bit
 * operations keeps values above 2^31 exact (costs and counter constants are i64 immediates).
 */
export function writeSigned(w: ByteWriter, value: number): void {
  ensure(w, 10);
  let v = value;
  for (;;) {
    const byte = ((v % 128) + 128) % 128;
    v = Math.floor(v / 128);
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0 && !signBit) || (v === -1 && signBit)) {
      w.buf[w.len++] = byte;
      return;
    }
    w.buf[w.len++] = byte | 0x80;
  }
}

export function writeBytes(w: ByteWriter, src: Uint8Array, start = 0, end = src.length): void {
  const n = end - start;
  if (n <= 0) return;
  ensure(w, n);
  if (n <= 16) {
    // Short runs (single instructions) are cheaper to copy by hand than through a subarray view.
    const { buf } = w;
    let at = w.len;
    for (let i = start; i < end; i++) buf[at++] = src[i];
  } else {
    w.buf.set(src.subarray(start, end), w.len);
  }
  w.len += n;
}

export function writeName(w: ByteWriter, name: string): void {
  const encoded = ENCODER.encode(name);
  writeU32(w, encoded.length);
  writeBytes(w, encoded);
}

/** Appends `content` as a section with the given id (id byte, size, payload). */
export function writeSection(w: ByteWriter, id: number, content: ByteWriter): void {
  writeU8(w, id);
  writeU32(w, content.len);
  writeBytes(w, content.buf, 0, content.len);
}

/** Appends a section whose payload is copied from `src[start, end)`. */
export function writeRawSection(w: ByteWriter, id: number, src: Uint8Array, start: number, end: number): void {
  writeU8(w, id);
  writeU32(w, end - start);
  writeBytes(w, src, start, end);
}

/** A copy of the written bytes, sized exactly. */
export function writerBytes(w: ByteWriter): Uint8Array {
  return w.buf.slice(0, w.len);
}
