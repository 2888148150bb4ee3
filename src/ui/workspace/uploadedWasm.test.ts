import { describe, expect, it } from 'vitest';
import { uploadedWasm } from './uploadedWasm.ts';

describe('[ui/workspace/uploadedWasm]', () => {
  it.each([
    ['a Wasm module', [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0], { fileName: 'f', bytes: 8, base64: 'AGFzbQEAAAA=' }],
    ['gzip', [0x1f, 0x8b, 8, 0], { fileName: 'f', bytes: 4, base64: 'H4sIAA==' }],
    ['anything else', [0x7b, 0x7d], /f is not a Wasm module/],
    ['nothing', [], /not a Wasm module/],
  ])('%s', (_name, bytes, expected) => {
    const result = uploadedWasm('f', new Uint8Array(bytes));
    if (expected instanceof RegExp) expect(result).toMatch(expected);
    else expect(result).toEqual(expected);
  });
});
