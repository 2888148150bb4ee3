/**
 * A canister's stable memory: a sparse set of 64 KiB Wasm pages (unwritten pages read as zeros), with a
 * journal so one execution's writes and growth can be undone. Rollback cost is proportional to the pages
 * the execution wrote, never to the size of stable memory (ic-reference.md §1.2 "Stable memory", §3.4).
 */
export const WASM_PAGE_BYTES = 65_536;

export class StableMemory {
  private readonly pages = new Map<number, Uint8Array>();
  private sizePages = 0;
  /** Pages' contents before the current transaction wrote them (undefined: the page did not exist). */
  private journal: Map<number, Uint8Array | undefined> | null = null;
  private journalSizePages = 0;

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
      this.pageForWrite(pageIndex).set(src.subarray(done, done + n), within);
    });
  }

  /** Starts recording undo information. */
  begin(): void {
    this.journal = new Map();
    this.journalSizePages = this.sizePages;
  }

  /** Keeps everything written since `begin`. */
  commit(): void {
    this.journal = null;
  }

  /** Undoes everything since `begin`; returns the number of bytes restored (for the trace). */
  rollback(): number {
    const journal = this.journal;
    this.journal = null;
    if (!journal) return 0;
    for (const [index, before] of journal) {
      if (before) this.pages.set(index, before);
      else this.pages.delete(index);
    }
    this.sizePages = this.journalSizePages;
    return journal.size * WASM_PAGE_BYTES;
  }

  /** An independent copy of stable memory as it was before the open transaction (for queries during a long message). */
  committedClone(): StableMemory {
    const clone = new StableMemory();
    for (const [index, page] of this.pages) clone.pages.set(index, page.slice());
    if (this.journal) {
      for (const [index, before] of this.journal) {
        if (before) clone.pages.set(index, before.slice());
        else clone.pages.delete(index);
      }
      clone.sizePages = this.journalSizePages;
    } else {
      clone.sizePages = this.sizePages;
    }
    return clone;
  }

  /** Wipes stable memory (reinstall, uninstall). Not journaled: callers do it outside transactions. */
  clear(): void {
    this.pages.clear();
    this.sizePages = 0;
    this.journal = null;
  }

  /** Copies out the bytes of `[offset, offset + length)` for inspection (inspector, tests). */
  snapshot(offset = 0, length = this.sizePages * WASM_PAGE_BYTES): Uint8Array {
    const out = new Uint8Array(length);
    this.read(offset, out);
    return out;
  }

  private pageForWrite(index: number): Uint8Array {
    let page = this.pages.get(index);
    if (this.journal && !this.journal.has(index)) this.journal.set(index, page ? page.slice() : undefined);
    if (!page) {
      page = new Uint8Array(WASM_PAGE_BYTES);
      this.pages.set(index, page);
    }
    return page;
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
