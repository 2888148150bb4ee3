/**
 * A cursor over Wasm bytes with the LEB128 readers the binary format needs.
 *
 * The reader is a plain object plus free functions (no class) so hot loops stay monomorphic.
 * Every read is bounds-checked against `end` and throws `CanisterModuleError`, which
 * `prepareCanisterModule` turns into an error result: malformed input never escapes as an exception.
 */
import { CanisterModuleError } from './canisterModuleError.ts';

export interface ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  /** Exclusive end of the readable window (a section or a function body). */
  end: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function createReader(bytes: Uint8Array, start = 0, end = bytes.length): ByteReader {
  return { bytes, pos: start, end };
}

/** The prefix of every structural decoding error, as in the replica's `DecodingError`. */
export function decodeError(r: ByteReader | null, what: string): CanisterModuleError {
  const at = r ? ` (at byte offset 0x${r.pos.toString(16)})` : '';
  return new CanisterModuleError(`Failed to decode wasm module: ${what}${at}.`);
}

export function atEnd(r: ByteReader): boolean {
  return r.pos >= r.end;
}

export function readU8(r: ByteReader): number {
  if (r.pos >= r.end) throw decodeError(r, 'unexpected end of input');
  return r.bytes[r.pos++];
}

/** Unsigned LEB128 of at most 32 bits (at most 5 bytes, unused high bits zero). */
export function readU32(r: ByteReader): number {
  const { bytes, end } = r;
  let pos = r.pos;
  if (pos < end && bytes[pos] < 0x80) {
    r.pos = pos + 1;
    return bytes[pos];
  }
  let result = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    if (pos >= end) {
      r.pos = pos;
      throw decodeError(r, 'unexpected end of input in an integer');
    }
    const b = bytes[pos++];
    if (i === 4 && (b & 0xf0) !== 0) {
      r.pos = pos - 1;
      throw decodeError(r, 'integer too large for 32 bits');
    }
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) {
      r.pos = pos;
      return result;
    }
  }
  r.pos = pos;
  throw decodeError(r, 'integer representation too long');
}

/** Signed LEB128 of at most `bits` bits, returned as a JS number (exact for bits ≤ 53). */
function readSigned(r: ByteReader, bits: number): number {
  const { bytes, end } = r;
  const maxBytes = Math.ceil(bits / 7);
  let pos = r.pos;
  let result = 0;
  let shift = 0;
  for (let i = 0; i < maxBytes; i++) {
    if (pos >= end) {
      r.pos = pos;
      throw decodeError(r, 'unexpected end of input in an integer');
    }
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) {
      r.pos = pos;
      if (shift < bits + 7 && (b & 0x40) !== 0) result -= 2 ** shift;
      return result;
    }
  }
  r.pos = pos;
  throw decodeError(r, 'integer representation too long');
}

export function readS32(r: ByteReader): number {
  return readSigned(r, 32);
}

/** The signed 33-bit integer used for block types that name a type index. */
export function readS33(r: ByteReader): number {
  return readSigned(r, 33);
}

/** Skips a LEB128 integer of at most `maxBytes` bytes without decoding it (used for i64 immediates). */
export function skipLeb(r: ByteReader, maxBytes: number): void {
  const { bytes, end } = r;
  let pos = r.pos;
  for (let i = 0; i < maxBytes; i++) {
    if (pos >= end) {
      r.pos = pos;
      throw decodeError(r, 'unexpected end of input in an integer');
    }
    if ((bytes[pos++] & 0x80) === 0) {
      r.pos = pos;
      return;
    }
  }
  r.pos = pos;
  throw decodeError(r, 'integer representation too long');
}

export function skipBytes(r: ByteReader, n: number): void {
  if (n > r.end - r.pos) throw decodeError(r, 'unexpected end of input');
  r.pos += n;
}

export function readBytes(r: ByteReader, n: number): Uint8Array {
  const start = r.pos;
  skipBytes(r, n);
  return r.bytes.subarray(start, start + n);
}

/** A length-prefixed UTF-8 name; invalid UTF-8 is a decoding error, as in the spec. */
export function readName(r: ByteReader): string {
  const n = readU32(r);
  const raw = readBytes(r, n);
  try {
    return UTF8.decode(raw);
  } catch {
    r.pos -= n;
    throw decodeError(r, 'a name is not valid UTF-8');
  }
}
