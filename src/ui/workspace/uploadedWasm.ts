/** A file from disk checked as a Wasm module (raw or gzipped) and base64-encoded for a scenario `{ "wasm": … }` source. */
import { encodeBase64 } from '../../scenario/encodeBase64.ts';

export interface UploadedWasm {
  readonly fileName: string;
  readonly bytes: number;
  readonly base64: string;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const GZIP_MAGIC = [0x1f, 0x8b];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** The file's bytes as a module, or why they are not one. */
export function uploadedWasm(fileName: string, bytes: Uint8Array): UploadedWasm | string {
  if (!startsWith(bytes, WASM_MAGIC) && !startsWith(bytes, GZIP_MAGIC)) {
    return `${fileName} is not a Wasm module: it starts neither with \\0asm nor with gzip's 1f 8b.`;
  }
  return { fileName, bytes: bytes.length, base64: encodeBase64(bytes) };
}
