import { describe, expect, it } from 'vitest';
import { snapshotLabel } from './snapshotLabel.ts';

const CANISTER = '00000000000000000101';

describe('[ui/snapshotLabel]', () => {
  it.each([
    { index: '0000000000000000', takenAtNs: '1620604805000000000', size: '132408', label: '#0 · 00:00:05 UTC · 132,408 B · module 1f88fe5e…' },
    { index: '000000000000000b', takenAtNs: '1620608400000000000', size: '7', label: '#11 · 01:00:00 UTC · 7 B · module 1f88fe5e…' },
  ])('$label', ({ index, takenAtNs, size, label }) => {
    expect(snapshotLabel({ id: index + CANISTER, takenAtNs, size, moduleHash: '1f88fe5ef1146808ea1e31158010943fabe67ca31b1845623b0dce3d0e23c0e8' })).toBe(label);
  });
});
