import { describe, expect, it } from 'vitest';
import { describeReply } from './describeReply.ts';

describe('[ui/describeReply]', () => {
  it.each([
    ['', null, 'empty', '(empty)'],
    ['636f756e74203d2031', 'count = 1', 'text', '"count = 1"'],
    ['68690a', 'hi\n', 'text', '"hi\\n"'],
    ['0100000000000000', '\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000', 'u64', '1 (u64, little-endian)'],
    ['e8030000', '\u00e8\u0003\u0000\u0000', 'u32', '1,000 (u32, little-endian)'],
    ['4449444c0000', 'DIDL\u0000\u0000', 'candid', 'Candid ()'],
    ['4449444c016c01b3c4b1f204680100010a00000000000000010101', null, 'candid', 'Candid (record { canister_id = principal "rrkah-fqaaa-aaaaa-aaaaq-cai" })'],
    ['4449444c01', null, 'hex', '0x4449444c01'],
    ['00ff10', null, 'hex', '0x00ff10'],
    ['ab'.repeat(70), null, 'hex', `0x${'ab'.repeat(64)}… (70 bytes)`],
  ])('%s', (hex, text, as, shown) => {
    expect(describeReply(hex, text)).toEqual({ as, shown, bytes: hex.length / 2 });
  });

  it('a reply the report read by its method\'s result types shows that text', () => {
    expect(describeReply('4449444c00017d2a', null, '(42 : nat)')).toEqual({ as: 'candid', shown: 'Candid (42 : nat)', bytes: 8 });
  });
});
