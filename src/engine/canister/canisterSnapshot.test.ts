import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hex.ts';
import { snapshotId, snapshotIdError, snapshotLocalIndex, snapshotOwnerBytes } from './canisterSnapshot.ts';

const CANISTER_0 = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);

describe('snapshot ids (replica `SnapshotId`: local index u64 big-endian, then the canister id)', () => {
  it.each([
    [0n, '0000000000000000' + '00000000000000000101'],
    [1n, '0000000000000001' + '00000000000000000101'],
    [258n, '0000000000000102' + '00000000000000000101'],
    [(1n << 64n) - 1n, 'ffffffffffffffff' + '00000000000000000101'],
  ])('local index %s', (index, hex) => {
    const id = snapshotId(CANISTER_0, index);
    expect(bytesToHex(id)).toBe(hex);
    expect(snapshotLocalIndex(id)).toBe(index);
    expect(bytesToHex(snapshotOwnerBytes(id))).toBe(bytesToHex(CANISTER_0));
  });

  it.each([
    [0, 'InvalidLength("Invalid snapshot ID length: provided 0, minumum length expected 37.")'],
    [7, 'InvalidLength("Invalid snapshot ID length: provided 7, minumum length expected 37.")'],
    [8, null],
    [18, null],
    [37, null],
    [38, 'InvalidLength("Invalid snapshot ID length: provided 38, maximum length expected 37.")'],
  ])('%i bytes: %s', (length, error) => {
    expect(snapshotIdError(new Uint8Array(length))).toBe(error);
  });

  it('reads the index of an id that is a view into a larger buffer', () => {
    const buffer = new Uint8Array(40);
    buffer.set(snapshotId(CANISTER_0, 5n), 3);
    expect(snapshotLocalIndex(buffer.subarray(3, 21))).toBe(5n);
  });
});
