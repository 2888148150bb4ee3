/**
 * A canister's stable memory: a sparse set of 64 KiB Wasm pages (unwritten pages read as zeros), with a
 * journal so one execution's writes and growth can be undone. The journal keeps the old contents of each 4 KiB
 * OS page the first time a transaction writes it (the replica's dirty-page unit, ic-reference.md §6.2), so commit
 * and rollback cost in proportion to the bytes written, never to the size of stable memory (§1.2 "Stable
 * memory", §3.4). Its buffers are reused: most messages write a chunk or two every time (BENCHMARKS.md, issue #5).
 */
import { sameBytes } from '../sameBytes.ts';

export const WASM_PAGE_BYTES = 65_536;
/** The journal's unit: a 4 KiB OS page. */
const CHUNK_BYTES = 4096;
const CHUNKS_PER_PAGE = WASM_PAGE_BYTES / CHUNK_BYTES;
/** At most this many spare chunk buffers are kept (1 MiB). */
const MAX_POOLED_CHUNKS = 256;

export class StableMemory {
  private readonly pages = new Map<number, Uint8Array>();
  private sizePages = 0;
  /** A transaction is open: writes are journaled. */
  private journaling = false;
  private journalSizePages = 0;
  /** 4 KiB chunks' contents before the open transaction wrote them, by chunk index (pages that existed only). */
  private readonly savedChunks = new Map<number, Uint8Array>();
  /** Pages the open transaction brought into existence: rollback deletes them. */
  private readonly createdPages = new Set<number>();
  private readonly pool: Uint8Array[] = [];

  /** Current size in 64 KiB pages. */
  size(): number {
    return this.sizePages;
  }

  byteLength(): bigint {
    return BigInt(this.sizePages) * BigInt(WASM_PAGE_BYTES);
  }

  /** Grows by `delta` pages (zero-filled). The caller has checked the limits. */
  grow(delta: number): number {
    const old = this.sizePages;
    this.sizePages += delta;
    return old;
  }

  read(offset: number, dst: Uint8Array): void {
    forEachPageSpan(offset, dst.length, (pageIndex, within, done, n) => {
      const page = this.pages.get(pageIndex);
      if (page) dst.set(page.subarray(within, within + n), done);
      else dst.fill(0, done, done + n);
    });
  }

  write(offset: number, src: Uint8Array): void {
    forEachPageSpan(offset, src.length, (pageIndex, within, done, n) => {
      this.pageForWrite(pageIndex, within, n).set(src.subarray(done, done + n), within);
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
    for (const index of this.createdPages) this.pages.delete(index);
    for (const [chunk, before] of this.savedChunks) {
      this.pages.get(Math.floor(chunk / CHUNKS_PER_PAGE))!.set(before, (chunk % CHUNKS_PER_PAGE) * CHUNK_BYTES);
    }
    this.sizePages = this.journalSizePages;
    this.commit();
  }

  /** An independent copy of stable memory as it was before the open transaction (for queries during a long message). */
  committedClone(): StableMemory {
    const clone = new StableMemory();
    for (const [index, page] of this.pages) clone.pages.set(index, page.slice());
    clone.sizePages = this.sizePages;
    if (this.journaling) {
      clone.journaling = true;
      clone.journalSizePages = this.journalSizePages;
      for (const index of this.createdPages) clone.createdPages.add(index);
      for (const [chunk, before] of this.savedChunks) clone.savedChunks.set(chunk, before.slice());
      clone.rollback();
    }
    return clone;
  }

  /**
   * The committed pages for a checkpoint (`subnet/subnetCheckpoint.ts`), outside any transaction. A page whose bytes
   * equal the same page of `previous` is that page's array, so checkpoints of a memory that changes little share
   * almost everything; the others are copies.
   */
  checkpointPages(previous: ReadonlyMap<number, Uint8Array> | null): Map<number, Uint8Array> {
    if (this.journaling) throw new Error('engine invariant violated: stable memory checkpointed inside a transaction');
    const pages = new Map<number, Uint8Array>();
    for (const [index, page] of this.pages) {
      const before = previous?.get(index);
      pages.set(index, before && sameBytes(before, page) ? before : page.slice());
    }
    return pages;
  }

  /** A stable memory holding copies of a checkpoint's pages. */
  static fromCheckpoint(pages: ReadonlyMap<number, Uint8Array>, sizePages: number): StableMemory {
    const memory = new StableMemory();
    for (const [index, page] of pages) memory.pages.set(index, page.slice());
    memory.sizePages = sizePages;
    return memory;
  }

  /** Wipes stable memory (reinstall, uninstall). Not journaled: callers do it outside transactions. */
  clear(): void {
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

  /** The page to write `[within, within + n)` of, its old contents journaled first. */
  private pageForWrite(index: number, within: number, n: number): Uint8Array {
    let page = this.pages.get(index);
    if (!page) {
      page = new Uint8Array(WASM_PAGE_BYTES);
      this.pages.set(index, page);
      if (this.journaling) this.createdPages.add(index);
      return page;
    }
    if (!this.journaling || this.createdPages.has(index)) return page;
    const first = index * CHUNKS_PER_PAGE + Math.floor(within / CHUNK_BYTES);
    const last = index * CHUNKS_PER_PAGE + Math.floor((within + n - 1) / CHUNK_BYTES);
    for (let chunk = first; chunk <= last; chunk++) {
      if (this.savedChunks.has(chunk)) continue;
      const start = (chunk % CHUNKS_PER_PAGE) * CHUNK_BYTES;
      const copy = this.pool.pop() ?? new Uint8Array(CHUNK_BYTES);
      copy.set(page.subarray(start, start + CHUNK_BYTES));
      this.savedChunks.set(chunk, copy);
    }
    return page;
  }

  /** Most messages write no stable memory: then there is nothing to release, and nothing is touched. */
  private releaseJournal(): void {
    if (this.savedChunks.size > 0) {
      for (const buffer of this.savedChunks.values()) if (this.pool.length < MAX_POOLED_CHUNKS) this.pool.push(buffer);
      this.savedChunks.clear();
    }
    if (this.createdPages.size > 0) this.createdPages.clear();
  }
}

/** Splits `[offset, offset + length)` into its pieces within each 64 KiB page. */
function forEachPageSpan(offset: number, length: number, visit: (page: number, within: number, done: number, n: number) => void): void {
  let done = 0;
  while (done < length) {
    const at = offset + done;
    const page = Math.floor(at / WASM_PAGE_BYTES);
    const within = at - page * WASM_PAGE_BYTES;
    const n = Math.min(WASM_PAGE_BYTES - within, length - done);
    visit(page, within, done, n);
    done += n;
  }
}
