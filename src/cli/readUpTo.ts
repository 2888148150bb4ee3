/**
 * Reading the runner's input without reading all of it: a file (or a FIFO, a device, `<(…)`) or a stream a chunk
 * at a time, stopping as soon as more than `limit` bytes have come. The caller sees `limit + 1` or more bytes and
 * refuses the input as too large; so `run /dev/zero` or `run - < /dev/zero` ends at the limit instead of reading
 * forever into memory (issue 17).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;

/**
 * A file's bytes, at most `limit + 1` of them; throws what opening or reading throws (a directory is refused
 * before reading, with EISDIR as `readSync` would). Synchronous: the scenario's source files are read while it is
 * being loaded. A FIFO waits for its writer, as `cat` would.
 */
export function readFileUpTo(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw isADirectory();
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A stream's bytes until its end or until more than `limit` have come (then at most one chunk more). */
export async function readStreamUpTo(stream: AsyncIterable<Uint8Array | string>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    if (total > limit) break; // leaving the loop destroys the stream: nothing more is read
  }
  return Buffer.concat(chunks, total);
}

/** The error reading a directory gives (EISDIR), for a directory found before reading. */
export function isADirectory(): Error {
  return Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
}
