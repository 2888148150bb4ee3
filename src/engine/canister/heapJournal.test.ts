import { describe, expect, it } from 'vitest';
import { HeapJournal } from './heapJournal.ts';
import { WASM_PAGE_BYTES } from './stableMemory.ts';
import { MemoryMeter } from './memoryMeter.ts';

const PAGE = WASM_PAGE_BYTES;

function memory(pages: number): Uint8Array {
  const m = new Uint8Array(pages * PAGE);
  for (let i = 0; i < m.length; i += 997) m[i] = (i / 997) & 0xff;
  return m;
}

type Write = { save?: number[]; at: number; bytes: number[] };

describe('[engine/HeapJournal] restore puts back exactly what was there', () => {
  const cases: { name: string; writes: Write[] }[] = [
    { name: 'one page', writes: [{ save: [0], at: 10, bytes: [1, 2, 3] }] },
    { name: 'two pages in any order', writes: [{ save: [2], at: 2 * PAGE + 5, bytes: [9] }, { save: [0], at: 7, bytes: [8] }] },
    { name: 'a store straddling into an unsaved page', writes: [{ save: [0], at: PAGE - 4, bytes: [1, 1, 1, 1, 1, 1, 1, 1] }] },
    {
      name: 'a straddling store, then the next page saved and written',
      writes: [{ save: [0], at: PAGE - 2, bytes: [5, 5, 5, 5] }, { save: [1], at: PAGE + 100, bytes: [6] }],
    },
    {
      name: 'the next page saved first, then a straddling store into it',
      writes: [{ save: [1], at: PAGE + 1, bytes: [7] }, { save: [0], at: PAGE - 1, bytes: [3, 3, 3] }],
    },
    { name: 'the same page saved twice keeps the first copy', writes: [{ save: [1], at: PAGE, bytes: [4] }, { save: [1], at: PAGE, bytes: [5] }] },
  ];
  it.each(cases)('$name', ({ writes }) => {
    const mem = memory(3);
    const original = mem.slice();
    const journal = new HeapJournal();
    journal.begin(mem);
    for (const w of writes) {
      for (const page of w.save ?? []) journal.save(mem, page);
      mem.set(w.bytes, w.at);
    }
    journal.restore(mem);
    expect(Buffer.from(mem).equals(Buffer.from(original))).toBe(true);
  });
});

describe('[engine/HeapJournal] bookkeeping', () => {
  it('does nothing outside begin … clear', () => {
    const journal = new HeapJournal();
    expect(journal.save(memory(1), 0)).toBe(false);
    journal.begin(memory(1));
    expect(journal.save(memory(1), 0)).toBe(true);
    journal.clear();
    expect(journal.isActive()).toBe(false);
  });

  it('ignores pages beyond the size at begin and counts what it saved', () => {
    const mem = memory(2);
    const journal = new HeapJournal();
    journal.begin(mem);
    expect(journal.save(mem, 5)).toBe(false);
    journal.save(mem, 1);
    journal.save(mem, 1);
    expect(journal.savedPageCount()).toBe(1);
  });

  it('keeps journaling the pages that existed at begin after memory grows, without copying the memory', () => {
    const mem = memory(2);
    const original = mem.slice();
    const journal = new HeapJournal();
    journal.begin(mem);
    journal.save(mem, 1);
    mem[PAGE + 3] = 42;
    const grown = new Uint8Array(3 * PAGE);
    grown.set(mem);
    expect(journal.save(grown, 0)).toBe(true);
    grown[5] = 7;
    grown[2 * PAGE] = 9;
    expect(journal.save(grown, 2)).toBe(false);
    expect(Buffer.from(journal.committedCopy(grown)).equals(Buffer.from(original))).toBe(true);
    journal.restore(grown);
    expect(Buffer.from(grown.subarray(0, 2 * PAGE)).equals(Buffer.from(original))).toBe(true);
    expect(grown[2 * PAGE]).toBe(9);
  });
});

describe('[engine/HeapJournal] the whole heap saved in one copy (the fast path\'s journal)', () => {
  it.each([
    { name: 'nothing written', writes: [] as [number, number][], changed: 0 },
    { name: 'two pages written, one of them twice', writes: [[5, 1], [PAGE + 9, 2], [7, 3]] as [number, number][], changed: 2 },
    { name: 'a page written with the byte it held (unchanged)', writes: [[997, 1]] as [number, number][], changed: 0 },
  ])('$name: restore puts it all back; the pages whose bytes changed are counted', ({ writes, changed }) => {
    const mem = memory(3);
    const original = mem.slice();
    const journal = new HeapJournal();
    journal.begin(mem);
    journal.saveWhole(mem);
    expect(journal.save(mem, 1)).toBe(false); // every page is saved already
    for (const [at, value] of writes) mem[at] = value;
    expect(journal.savedPageCount()).toBe(3);
    expect(journal.changedPageCount(mem)).toBe(changed);
    expect(Buffer.from(journal.committedCopy(mem)).equals(Buffer.from(original))).toBe(true);
    journal.restore(mem);
    expect(Buffer.from(mem).equals(Buffer.from(original))).toBe(true);
  });

  it('keeps its buffer for the next whole copy, counted on the meter until released', () => {
    const meter = new MemoryMeter(Number.MAX_SAFE_INTEGER);
    const journal = new HeapJournal();
    journal.attachMeter(meter);
    const mem = memory(2);
    for (let round = 0; round < 3; round++) {
      journal.begin(mem);
      journal.saveWhole(mem);
      mem[round] = 200 + round;
      journal.restore(mem);
      journal.clear();
      expect(meter.used()).toBe(2 * PAGE); // one buffer, reused
    }
    journal.begin(memory(3));
    journal.saveWhole(memory(3)); // larger: a new buffer replaces the spare
    journal.clear();
    expect(meter.used()).toBe(3 * PAGE);
    journal.releaseSpare();
    expect(meter.used()).toBe(0);
  });

  it('refuses a whole copy after a page was saved (it would keep the later bytes)', () => {
    const mem = memory(2);
    const journal = new HeapJournal();
    journal.begin(mem);
    journal.save(mem, 0);
    expect(() => journal.saveWhole(mem)).toThrow('engine invariant violated');
  });
});
