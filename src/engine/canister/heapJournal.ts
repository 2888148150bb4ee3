/**
 * Undo information for the Wasm heap of one execution (or one install transaction): the old contents of every
 * 64 KiB page written, saved the first time the instrumented write barrier (or the host) touches it. Commit
 * forgets the journal; rollback puts the saved pages back. Both cost in proportion to the pages written, never
 * to the size of memory (issue #2 "Speed"; BENCHMARKS.md). Growth needs nothing extra: the pages that existed at
 * `begin` keep being journaled, and a rollback restores them in place before moving them to a new instance (Wasm
 * memory cannot shrink). Copying the whole memory when it grew would cost its size in time and in memory on every
 * growing message, gigabytes for a big heap (issue #5 "Containment").
 */
import { sameBytes } from '../sameBytes.ts';
import { WASM_PAGE_BYTES } from './stableMemory.ts';
import { UNMETERED, type MemoryMeter } from './memoryMeter.ts';

/** A store may straddle into the next page by up to 15 bytes (v128); those bytes are saved separately. */
const STRADDLE_BYTES = 16;
/** At most this many spare page buffers are kept (4 MiB). */
const MAX_POOLED_PAGES = 64;

export class HeapJournal {
  private readonly pages = new Map<number, Uint8Array>();
  /** Page buffers reused across transactions: most executions write a page or two, every time. */
  private readonly pool: Uint8Array[] = [];
  /** First bytes of pages a straddling store may reach before the page itself is journaled. */
  private readonly fragments = new Map<number, Uint8Array>();
  /**
   * The whole heap as it was at `begin`, when saved in one copy (`saveWhole`, the fast path's), in `wholeBuffer`,
   * which is kept for the next whole copy (`spare`): copying a 47 MiB heap into a buffer already in use takes 3 ms,
   * into a new one 125 ms (the operating system maps its pages as they are first written) — as saving it page by
   * page did.
   */
  private whole: Uint8Array | null = null;
  private wholeBuffer: Uint8Array | null = null;
  private spare: Uint8Array | null = null;
  private pagesAtStart = 0;
  private active = false;
  /** The subnet's memory meter (`memoryMeter.ts`) and the bytes of page buffers held (saved and spare). */
  private meter: MemoryMeter = UNMETERED;
  private heldBytes = 0;

  /** Counts the journal's buffers on `meter` from now on. */
  attachMeter(meter: MemoryMeter): void {
    this.meter.release(this.heldBytes);
    this.meter = meter;
    meter.charge(this.heldBytes);
  }

  allocatedBytes(): number {
    return this.heldBytes;
  }

  begin(memory: Uint8Array): void {
    this.clear();
    this.pagesAtStart = memory.length / WASM_PAGE_BYTES;
    this.active = true;
  }

  isActive(): boolean {
    return this.active;
  }

  /** Saves page `index` as it is now, unless already saved. Returns whether it was newly saved. */
  save(memory: Uint8Array, index: number): boolean {
    if (!this.active || this.whole !== null || this.pages.has(index) || index >= this.pagesAtStart) return false;
    const start = index * WASM_PAGE_BYTES;
    // Counted, never refused: a journal copy is at most the heap it copies, which the budget admitted already.
    const copy = this.pool.pop() ?? this.newPageBuffer();
    copy.set(memory.subarray(start, start + WASM_PAGE_BYTES));
    this.pages.set(index, copy);
    const next = index + 1;
    if (next < this.pagesAtStart && !this.pages.has(next) && !this.fragments.has(next)) {
      const at = next * WASM_PAGE_BYTES;
      this.fragments.set(next, memory.slice(at, at + STRADDLE_BYTES));
    }
    return true;
  }

  /**
   * Saves every page as it is now, in one copy, right after `begin` (nothing saved yet): the fast path's journal,
   * which has no write barrier to say which pages it writes (`wasm/fastPath.ts`).
   */
  saveWhole(memory: Uint8Array): void {
    if (!this.active || this.pages.size > 0 || this.fragments.size > 0) throw new Error('engine invariant violated: the whole heap saved after a page');
    const length = this.pagesAtStart * WASM_PAGE_BYTES;
    let buffer = this.spare !== null && this.spare.length >= length ? this.spare : null;
    if (buffer === null) {
      this.releaseSpare();
      // Counted, never refused, as a page's copy is.
      buffer = new Uint8Array(length);
      this.heldBytes += length;
      this.meter.charge(length);
    }
    this.spare = null;
    buffer.set(memory.subarray(0, length));
    this.wholeBuffer = buffer;
    this.whole = buffer.subarray(0, length);
  }

  /** Lets the buffer of the last whole copy go (a runtime put to sleep keeps no more than its heap). */
  releaseSpare(): void {
    if (this.spare === null) return;
    this.heldBytes -= this.spare.length;
    this.meter.release(this.spare.length);
    this.spare = null;
  }

  /** Every page was saved in one copy (`saveWhole`) since `begin`. */
  savedWhole(): boolean {
    return this.whole !== null;
  }

  /** A copy of the memory as it was at `begin`, leaving `memory` untouched. */
  committedCopy(memory: Uint8Array): Uint8Array {
    const copy = memory.slice(0, this.pagesAtStart * WASM_PAGE_BYTES);
    this.applyTo(copy);
    return copy;
  }

  /** Puts the saved bytes back into `memory` (as large as at `begin`, or grown since: pages added are left alone). */
  restore(memory: Uint8Array): void {
    this.applyTo(memory);
  }

  /** Pages saved: the 64 KiB pages written since `begin` (for the trace's "what was rolled back"). */
  savedPageCount(): number {
    return this.whole !== null ? this.pagesAtStart : this.pages.size;
  }

  /**
   * Pages whose bytes differ from `begin`: saved pages that changed, and pages grown since that hold anything but
   * zeros. For an execution without a write barrier, which journaled every page up front.
   */
  changedPageCount(memory: Uint8Array): number {
    let changed = 0;
    for (let index = 0; this.whole !== null && index < this.pagesAtStart; index++) {
      const start = index * WASM_PAGE_BYTES;
      if (!sameBytes(this.whole.subarray(start, start + WASM_PAGE_BYTES), memory.subarray(start, start + WASM_PAGE_BYTES))) changed++;
    }
    for (const [index, saved] of this.pages) {
      if (!sameBytes(saved, memory.subarray(index * WASM_PAGE_BYTES, (index + 1) * WASM_PAGE_BYTES))) changed++;
    }
    for (let index = this.pagesAtStart; index < memory.length / WASM_PAGE_BYTES; index++) {
      if (!allZero(memory.subarray(index * WASM_PAGE_BYTES, (index + 1) * WASM_PAGE_BYTES))) changed++;
    }
    return changed;
  }

  pagesAtBegin(): number {
    return this.pagesAtStart;
  }

  clear(): void {
    for (const page of this.pages.values()) {
      if (this.pool.length < MAX_POOLED_PAGES) this.pool.push(page);
      else this.releasePageBuffer();
    }
    this.pages.clear();
    this.fragments.clear();
    if (this.wholeBuffer !== null) this.spare = this.wholeBuffer;
    this.whole = null;
    this.wholeBuffer = null;
    this.active = false;
  }

  private newPageBuffer(): Uint8Array {
    this.heldBytes += WASM_PAGE_BYTES;
    this.meter.charge(WASM_PAGE_BYTES);
    return new Uint8Array(WASM_PAGE_BYTES);
  }

  private releasePageBuffer(): void {
    this.heldBytes -= WASM_PAGE_BYTES;
    this.meter.release(WASM_PAGE_BYTES);
  }

  /** Whole pages first, then fragments saved before their page was (they hold the older bytes). */
  private applyTo(memory: Uint8Array): void {
    if (this.whole !== null) memory.set(this.whole);
    for (const [index, bytes] of this.pages) memory.set(bytes, index * WASM_PAGE_BYTES);
    for (const [index, bytes] of this.fragments) memory.set(bytes, index * WASM_PAGE_BYTES);
  }
}

/** Whether a page-sized, 4-byte-aligned view holds only zeros. */
function allZero(a: Uint8Array): boolean {
  const x = new Int32Array(a.buffer, a.byteOffset, a.length / 4);
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}
