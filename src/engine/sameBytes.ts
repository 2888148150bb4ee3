/**
 * Whether two byte arrays hold the same bytes. Views that start and end on 4-byte boundaries (heap pages) are
 * compared four bytes at a time, as integers, so every bit pattern compares exactly; others byte by byte.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (((a.byteOffset | b.byteOffset | a.length) & 3) === 0) {
    const x = new Int32Array(a.buffer, a.byteOffset, a.length / 4);
    const y = new Int32Array(b.buffer, b.byteOffset, b.length / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
