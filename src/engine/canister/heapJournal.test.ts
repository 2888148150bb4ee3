import { describe, expect, it } from 'vitest';
import { HeapJournal } from './heapJournal.ts';
import { WASM_PAGE_BYTES } from './stableMemory.ts';

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
