import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STABLE_PAGE_BYTES, StableMemory, WASM_PAGE_BYTES } from './stableMemory.ts';
import { MemoryMeter } from './memoryMeter.ts';
import { ErrorCode, isTrapSignal, type TrapSignal } from '../errors.ts';

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

describe('[engine/stable] sparse 4 KiB pages and the memory meter (issue 17)', () => {
  const PAGE = STABLE_PAGE_BYTES;
  // Each case: writes (offset, length) in one committed transaction, then the 4 KiB pages held and bytes metered.
  const cases: { name: string; growPages: number; writes: [number, number][]; pages: number }[] = [
    { name: 'one byte holds one 4 KiB page, not a 64 KiB one', growPages: 1, writes: [[0, 1]], pages: 1 },
    { name: 'one byte at the end of a 600,000-page memory', growPages: 600_000, writes: [[600_000 * WASM_PAGE_BYTES - 1, 1]], pages: 1 },
    { name: 'a byte in each 64 KiB page holds one 4 KiB page each', growPages: 100, writes: Array.from({ length: 100 }, (_, i): [number, number] => [i * WASM_PAGE_BYTES + 5, 1]), pages: 100 },
    { name: 'a write across a 4 KiB boundary holds two', growPages: 1, writes: [[PAGE - 1, 2]], pages: 2 },
    { name: 'a whole 64 KiB page holds sixteen', growPages: 2, writes: [[WASM_PAGE_BYTES, WASM_PAGE_BYTES]], pages: 16 },
    { name: 'writing the same page twice holds it once', growPages: 1, writes: [[0, 1], [10, 1]], pages: 1 },
    { name: 'growing alone holds nothing', growPages: 600_000, writes: [], pages: 0 },
  ];
  it.each(cases)('$name', ({ growPages, writes, pages }) => {
    const meter = new MemoryMeter(Infinity);
    const stable = new StableMemory(meter);
    stable.begin();
    stable.grow(growPages);
    for (const [offset, length] of writes) stable.write(offset, new Uint8Array(length).fill(9));
    stable.commit();
    expect(stable.writtenPageCount()).toBe(pages);
    expect(stable.allocatedBytes()).toBe(pages * PAGE);
    expect(meter.used()).toBe(pages * PAGE);
    for (const [offset, length] of writes) expect(stable.snapshot(offset, length).every((b) => b === 9)).toBe(true);
  });

  it('journal copies are metered while a transaction is open, and kept as spares after it', () => {
    const meter = new MemoryMeter(Infinity);
    const stable = new StableMemory(meter);
    stable.grow(1);
    stable.write(0, bytes(1));
    stable.begin();
    stable.write(1, bytes(2));
    expect(meter.used()).toBe(2 * PAGE);
    stable.rollback();
    expect(stable.snapshot(0, 2)).toEqual(bytes(1, 0));
    // The copy is a spare now: the next transaction's first write takes it instead of allocating.
    stable.begin();
    stable.write(1, bytes(3));
    expect(meter.used()).toBe(2 * PAGE);
    stable.commit();
  });

  it('a rollback gives back the pages the transaction created', () => {
    const meter = new MemoryMeter(Infinity);
    const stable = new StableMemory(meter);
    stable.begin();
    stable.grow(1000);
    for (let i = 0; i < 1000; i++) stable.write(i * WASM_PAGE_BYTES, bytes(1));
    expect(meter.used()).toBe(1000 * PAGE);
    stable.rollback();
    expect(stable.writtenPageCount()).toBe(0);
    expect(stable.size()).toBe(0);
    // At most 256 spares (1 MiB) are kept; the rest is released.
    expect(meter.used()).toBe(256 * PAGE);
  });

  it('a write beyond the budget traps with the playground\'s message, naming the parameter', () => {
    const meter = new MemoryMeter(3 * PAGE);
    const stable = new StableMemory(meter);
    stable.begin();
    stable.grow(1);
    let thrown: unknown = null;
    try {
      stable.write(0, new Uint8Array(4 * PAGE).fill(1));
    } catch (error) {
      thrown = error;
    }
    expect(isTrapSignal(thrown)).toBe(true);
    const trap = thrown as TrapSignal;
    expect(trap.code).toBe(ErrorCode.CanisterOutOfMemory);
    expect(trap.message).toContain('playgroundMemoryBytes');
    expect(trap.message).toContain('not of the Internet Computer');
    expect(trap.playgroundLimit).toMatchObject({ parameter: 'playgroundMemoryBytes', limit: BigInt(3 * PAGE), inUse: BigInt(3 * PAGE), requested: BigInt(PAGE) });
    stable.rollback();
    expect(stable.writtenPageCount()).toBe(0);
  });

  it('checkpoints and snapshots keep 4 KiB pages; a restore holds the same and is metered', () => {
    const stable = new StableMemory();
    stable.grow(10);
    stable.write(5 * WASM_PAGE_BYTES + 3, bytes(4, 5));
    const pages = stable.checkpointPages(null);
    expect([...pages.keys()]).toEqual([(5 * WASM_PAGE_BYTES) / PAGE]);
    const meter = new MemoryMeter(Infinity);
    const restored = StableMemory.fromCheckpoint(pages, stable.size(), meter);
    expect(restored.snapshot(5 * WASM_PAGE_BYTES + 3, 2)).toEqual(bytes(4, 5));
    expect(meter.used()).toBe(PAGE);
    restored.detachMeter();
    expect(meter.used()).toBe(0);
  });
});
