/**
 * Accepts the two encodings of `wasm_module` (ic-reference.md §2.1): raw Wasm (`\0asm`) or gzip
 * (`1f 8b 08`). Gzip is inflated in small input chunks so a decompression bomb is stopped as soon as the
 * output passes the 100 MiB module limit (EMBCFG `WASM_MAX_SIZE`), instead of after allocating it.
 */
import { Gunzip } from 'fflate';
import { CanisterModuleError } from './canisterModuleError.ts';

export const WASM_MAX_SIZE = 100 * 1024 * 1024;
/** Deflate expands at most ~1032×, so one 16 KiB input chunk yields at most ~17 MB before the check runs. */
const INPUT_CHUNK = 16 * 1024;

function tooLarge(size: number | null): CanisterModuleError {
  const shown = size === null ? `more than ${WASM_MAX_SIZE}` : `${size}`;
  return new CanisterModuleError(`Wasm module size of ${shown} exceeds the maximum allowed size of ${WASM_MAX_SIZE}.`);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

function gunzipCapped(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > WASM_MAX_SIZE) overflow = true;
    else chunks.push(chunk);
  });
  try {
    for (let pos = 0; pos < bytes.length && !overflow; pos += INPUT_CHUNK) {
      const end = Math.min(bytes.length, pos + INPUT_CHUNK);
      gunzip.push(bytes.subarray(pos, end), end === bytes.length);
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CanisterModuleError(`Failed to decode wasm module: the gzip data is invalid (${why}).`);
  }
  if (overflow) throw tooLarge(null);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Returns the raw Wasm bytes of `bytes`, decompressing gzip; throws for anything else or oversize input. */
export function decompressModule(bytes: Uint8Array): Uint8Array {
  if (bytes.length > WASM_MAX_SIZE) throw tooLarge(bytes.length);
  if (!isGzip(bytes)) return bytes;
  const raw = gunzipCapped(bytes);
  if (raw.length === 0) throw new CanisterModuleError('Failed to decode wasm module: the gzip data is empty or truncated.');
  return raw;
}
