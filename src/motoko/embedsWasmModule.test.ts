import { describe, expect, it } from 'vitest';
import { embedsWasmModule } from './embedsWasmModule.ts';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('[motoko/embedsWasmModule]', () => {
  it.each([
    ['a module alone', [...HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00], false],
    ['a module with another module in its data', [...HEADER, 0x0b, 0x0a, ...HEADER, 0x00], true],
    ['a module ending in a partial header', [...HEADER, 0x0b, 0x00, 0x61, 0x73, 0x6d], false],
    ['the magic without the version', [...HEADER, 0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00], false],
    ['nothing', [], false],
  ])('%s: %s', (_what, bytes, expected) => {
    expect(embedsWasmModule(new Uint8Array(bytes))).toBe(expected);
  });
});
