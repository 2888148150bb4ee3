import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StableMemory, WASM_PAGE_BYTES } from './stableMemory.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

/** Index of the first byte where `a` and `b` differ, -1 if equal (deep equality of large arrays is slow). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('[engine/stable] StableMemory journal', () => {
  it('rolls back writes, new pages and growth; commit keeps them', () => {
    const stable = new StableMemory();
    stable.grow(2);
    stable.write(10, bytes(1, 2, 3));
    stable.begin();
    stable.write(11, bytes(9));
    stable.write(WASM_PAGE_BYTES + 5, bytes(7));
    stable.grow(3);
    stable.rollback();
    expect(stable.size()).toBe(2);
    expect(stable.snapshot(10, 3)).toEqual(bytes(1, 2, 3));
    expect(stable.snapshot(WASM_PAGE_BYTES + 5, 1)).toEqual(bytes(0));
    stable.begin();
    stable.write(11, bytes(9));
    stable.commit();
    stable.rollback();
    expect(stable.snapshot(10, 3)).toEqual(bytes(1, 9, 3));
  });

  it('restores a write that spans 4 KiB chunks and pages', () => {
    const stable = new StableMemory();
    stable.grow(3);
    const before = new Uint8Array(3 * WASM_PAGE_BYTES).map((_, i) => i % 251);
    stable.write(0, before);
    stable.begin();
    stable.write(WASM_PAGE_BYTES - 5000, new Uint8Array(20_000).fill(0xee));
    stable.rollback();
    expect(firstDifference(stable.snapshot(), before)).toBe(-1);
  });

  it('clones the committed state while a transaction is open, leaving the original as it is', () => {
    const stable = new StableMemory();
    stable.grow(1);
    stable.write(0, bytes(1));
    stable.begin();
    stable.write(0, bytes(2));
    stable.grow(1);
    stable.write(WASM_PAGE_BYTES, bytes(3));
    const clone = stable.committedClone();
    expect(clone.size()).toBe(1);
    expect(clone.snapshot(0, 1)).toEqual(bytes(1));
    expect(stable.size()).toBe(2);
    expect(stable.snapshot(0, 1)).toEqual(bytes(2));
    stable.rollback();
    expect(stable.snapshot(0, 1)).toEqual(bytes(1));
  });

  it('matches a flat byte array through any sequence of writes, commits and rollbacks', () => {
    const size = 3 * WASM_PAGE_BYTES;
    const write = fc.record({ offset: fc.integer({ min: 0, max: size - 1 }), length: fc.integer({ min: 1, max: 9000 }), value: fc.integer({ min: 1, max: 255 }) });
    const transaction = fc.record({ writes: fc.array(write, { maxLength: 6 }), commit: fc.boolean() });
    fc.assert(fc.property(fc.array(transaction, { maxLength: 8 }), (transactions) => {
      const stable = new StableMemory();
      stable.grow(3);
      let model = new Uint8Array(size);
      for (const { writes, commit } of transactions) {
        const next = model.slice();
        stable.begin();
        for (const { offset, length, value } of writes) {
          const n = Math.min(length, size - offset);
          stable.write(offset, new Uint8Array(n).fill(value));
          next.fill(value, offset, offset + n);
        }
        if (commit) {
          stable.commit();
          model = next;
        } else {
          stable.rollback();
        }
        expect(firstDifference(stable.snapshot(), model)).toBe(-1);
      }
    }), { numRuns: 60 });
  });
});
