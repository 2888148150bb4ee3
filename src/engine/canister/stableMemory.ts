/**
 * A canister's stable memory, stored sparsely in 4 KiB pages, the replica's page unit (its dirty-page limit and
 * overhead count them, ic-reference.md §6.2, §8.3; `PageMap` pages are 4 KiB): only pages written hold a buffer,
 * unwritten ones read as zeros, so growing to 600,000 Wasm pages and writing one byte in 500,000 of them holds
 * 500,000 × 4 KiB (1.9 GiB, under the 2 GiB an update may write), not 500,000 × 64 KiB (issue 17). Its size is
 * still counted in 64 KiB Wasm pages (`stable64_size`).
 *
 * A journal lets one execution's writes and growth be undone: the old contents of each existing page the first time
 * a transaction writes it, and the pages it created, so commit and rollback cost in proportion to the bytes written,
 * never to the size of stable memory (§1.2 "Stable memory", §3.4). Buffers are reused: most messages write a page or
 * two every time (BENCHMARKS.md, issue #5). Every buffer held (pages, journal copies, spares) is counted on the
 * subnet's memory meter (`memoryMeter.ts`); a write that needs a new one beyond the playground's budget traps.
 */
import { sameBytes } from '../sameBytes.ts';
import { UNMETERED, type MemoryMeter } from './memoryMeter.ts';

export const WASM_PAGE_BYTES = 65_536;
/** The storage and journal unit: a 4 KiB OS page. */
export const STABLE_PAGE_BYTES = 4096;
/** At most this many spare page buffers are kept (1 MiB). */
const MAX_POOLED_PAGES = 256;
/** Slabs pages are cut from start at one page and double up to this (`PageSlabs`). */
const MAX_SLAB_BYTES = 1024 * 1024;

/**
 * Hands out 4 KiB page buffers cut from larger `ArrayBuffer`s. Allocating 4 KiB buffers one by one costs V8 tens of
 * microseconds each once hundreds of megabytes are out (500,000 of them took 40 s); slabs take 4 s for the same.
 * Slabs start at one page and double, so a memory with few pages holds few bytes: the bytes of slabs not yet
 * handed out are at most those handed out. A slab is freed when none of its pages is referenced any more.
 */
class PageSlabs {
  private slab: ArrayBuffer | null = null;
  private used = 0;
  private nextBytes = STABLE_PAGE_BYTES;

  take(): Uint8Array {
    if (!this.slab || this.used === this.slab.byteLength) {
      this.slab = new ArrayBuffer(this.nextBytes);
      this.used = 0;
      this.nextBytes = Math.min(this.nextBytes * 2, MAX_SLAB_BYTES);
    }
    const page = new Uint8Array(this.slab, this.used, STABLE_PAGE_BYTES);
    this.used += STABLE_PAGE_BYTES;
    return page;
  }

  /** A copy of `page` in a buffer of these slabs. */
  copy(page: Uint8Array): Uint8Array {
    const copy = this.take();
    copy.set(page);
    return copy;
  }
}

export class StableMemory {
  /** Written 4 KiB pages by index (offset / 4096). */
  private readonly pages = new Map<number, Uint8Array>();
  private sizePages = 0;
  /** A transaction is open: writes are journaled. */
  private journaling = false;
  private journalSizePages = 0;
  /** Pages' contents before the open transaction first wrote them, by page index (pages that existed only). */
  private readonly savedPages = new Map<number, Uint8Array>();
  /** Pages the open transaction brought into existence: rollback deletes them. */
  private readonly createdPages = new Set<number>();
  private readonly pool: Uint8Array[] = [];
  private readonly slabs = new PageSlabs();
  private meter: MemoryMeter;
  /** Bytes of every buffer held: pages, journal copies, spares (what the meter has been charged for). */
  private heldBytes = 0;

  constructor(meter: MemoryMeter = UNMETERED) {
    this.meter = meter;
  }

  /** Current size in 64 KiB Wasm pages. */
  size(): number {
    return this.sizePages;
  }

  byteLength(): bigint {
    return BigInt(this.sizePages) * BigInt(WASM_PAGE_BYTES);
  }

  /** 4 KiB pages holding written bytes. */
  writtenPageCount(): number {
    return this.pages.size;
  }

  /** Bytes of memory really held: written pages, journal copies and spare buffers. */
  allocatedBytes(): number {
    return this.heldBytes;
  }

  /** Counts this memory on `meter` from now on (its current buffers move there from the previous meter). */
  attachMeter(meter: MemoryMeter): void {
    if (meter === this.meter) return;
    this.meter.release(this.heldBytes);
    this.meter = meter;
    meter.charge(this.heldBytes);
  }

  /** Stops counting this memory on its subnet's meter: it no longer belongs to the subnet. */
  detachMeter(): void {
    this.attachMeter(UNMETERED);
  }

  /** Grows by `delta` Wasm pages (zero-filled: nothing is allocated). The caller has checked the limits. */
  grow(delta: number): number {
    const old = this.sizePages;
    this.sizePages += delta;
    return old;
  }

  read(offset: number, dst: Uint8Array): void {
    forEachPageSpan(offset, dst.length, (index, within, done, n) => {
      const page = this.pages.get(index);
      if (page) dst.set(page.subarray(within, within + n), done);
      else dst.fill(0, done, done + n);
    });
  }

  /**
   * Writes `src` at `offset`. A page written for the first time, or first written in this transaction, needs a
   * buffer: beyond the memory budget that throws the playground's trap (the execution then rolls back).
   */
  write(offset: number, src: Uint8Array): void {
    forEachPageSpan(offset, src.length, (index, within, done, n) => {
      this.pageForWrite(index).set(src.subarray(done, done + n), within);
    });
  }

  /** Starts recording undo information. */
  begin(): void {
    this.releaseJournal();
    this.journaling = true;
    this.journalSizePages = this.sizePages;
  }

  /** Keeps everything written since `begin`. */
  commit(): void {
    this.releaseJournal();
    this.journaling = false;
  }

  /** Undoes everything since `begin`. */
  rollback(): void {
    if (!this.journaling) return;
    for (const index of this.createdPages) {
      this.recycle(this.pages.get(index)!);
      this.pages.delete(index);
    }
    for (const [index, before] of this.savedPages) this.pages.get(index)!.set(before);
    this.sizePages = this.journalSizePages;
    this.commit();
  }

  /** An independent, unmetered copy of stable memory as it was before the open transaction (queries during a long message). */
  committedClone(): StableMemory {
    const clone = new StableMemory();
    for (const [index, page] of this.pages) {
      if (this.createdPages.has(index)) continue;
      clone.pages.set(index, clone.slabs.copy(this.savedPages.get(index) ?? page));
    }
    clone.sizePages = this.journaling ? this.journalSizePages : this.sizePages;
    return clone;
  }

  /**
   * The committed 4 KiB pages for a checkpoint (`subnet/subnetCheckpoint.ts`) or a snapshot, outside any
   * transaction. A page whose bytes equal the same page of `previous` is that page's array, so checkpoints of a
   * memory that changes little share almost everything; the others are copies.
   */
  checkpointPages(previous: ReadonlyMap<number, Uint8Array> | null): Map<number, Uint8Array> {
    if (this.journaling) throw new Error('engine invariant violated: stable memory checkpointed inside a transaction');
    const pages = new Map<number, Uint8Array>();
    const copies = new PageSlabs();
    for (const [index, page] of this.pages) {
      const before = previous?.get(index);
      pages.set(index, before && sameBytes(before, page) ? before : copies.copy(page));
    }
    return pages;
  }

  /** A stable memory holding copies of a checkpoint's (or snapshot's) 4 KiB pages, counted on `meter`. */
  static fromCheckpoint(pages: ReadonlyMap<number, Uint8Array>, sizePages: number, meter: MemoryMeter = UNMETERED): StableMemory {
    const memory = new StableMemory(meter);
    for (const [index, page] of pages) memory.pages.set(index, memory.slabs.copy(page));
    memory.sizePages = sizePages;
    memory.hold(pages.size * STABLE_PAGE_BYTES);
    return memory;
  }

  /** Wipes stable memory (reinstall, uninstall). Not journaled: callers do it outside transactions. */
  clear(): void {
    for (const page of this.pages.values()) this.recycle(page);
    this.pages.clear();
    this.sizePages = 0;
    this.releaseJournal();
    this.journaling = false;
  }

  /** Copies out the bytes of `[offset, offset + length)` for inspection (inspector, tests). */
  snapshot(offset = 0, length = this.sizePages * WASM_PAGE_BYTES): Uint8Array {
    const out = new Uint8Array(length);
    this.read(offset, out);
    return out;
  }

  /** Page `index`, ready to be written: created zero-filled, or its old contents journaled first. */
  private pageForWrite(index: number): Uint8Array {
    let page = this.pages.get(index);
    if (!page) {
      page = this.takeBuffer('a write to a new 4 KiB page of stable memory');
      page.fill(0);
      this.pages.set(index, page);
      if (this.journaling) this.createdPages.add(index);
      return page;
    }
    if (!this.journaling || this.createdPages.has(index) || this.savedPages.has(index)) return page;
    const copy = this.takeBuffer('journaling a 4 KiB page of stable memory for rollback');
    copy.set(page);
    this.savedPages.set(index, copy);
    return page;
  }

  /** A spare buffer, or a new one if the budget allows (contents undefined). */
  private takeBuffer(what: string): Uint8Array {
    const spare = this.pool.pop();
    if (spare) return spare;
    this.meter.allocate(STABLE_PAGE_BYTES, what);
    this.heldBytes += STABLE_PAGE_BYTES;
    return this.slabs.take();
  }

  /** Keeps a buffer nobody uses any more as a spare, or lets it go. */
  private recycle(buffer: Uint8Array): void {
    if (this.pool.length < MAX_POOLED_PAGES) {
      this.pool.push(buffer);
      return;
    }
    this.heldBytes -= STABLE_PAGE_BYTES;
    this.meter.release(STABLE_PAGE_BYTES);
  }

  private hold(bytes: number): void {
    this.heldBytes += bytes;
    this.meter.charge(bytes);
  }

  /** Most messages write no stable memory: then there is nothing to release, and nothing is touched. */
  private releaseJournal(): void {
    if (this.savedPages.size > 0) {
      for (const buffer of this.savedPages.values()) this.recycle(buffer);
      this.savedPages.clear();
    }
    if (this.createdPages.size > 0) this.createdPages.clear();
  }
}

/** Splits `[offset, offset + length)` into its pieces within each 4 KiB page. */
function forEachPageSpan(offset: number, length: number, visit: (page: number, within: number, done: number, n: number) => void): void {
  let done = 0;
  while (done < length) {
    const at = offset + done;
    const page = Math.floor(at / STABLE_PAGE_BYTES);
    const within = at - page * STABLE_PAGE_BYTES;
    const n = Math.min(STABLE_PAGE_BYTES - within, length - done);
    visit(page, within, done, n);
    done += n;
  }
}
