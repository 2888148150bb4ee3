/**
 * Branch hints for the injected code (the `metadata.code.branch_hint` custom section, Wasm 3.0): the
 * out-of-instructions check and the write barrier's call to the mark function are marked unlikely.
 *
 * Why: a call inside a loop makes V8's register allocator spill every value live across it, and without a
 * hint it puts those spills on the hot path, where they run on every iteration whether the call happens or
 * not (BENCHMARKS.md, issue #5). With the hint the branch is a deferred block and the spills move into it.
 * Engines that do not read the section (Node 20's V8 without `--experimental-wasm-branch-hinting`) ignore
 * it; Chromium reads it (shipped in M136). Hints never change what a module does.
 */
import { writeName, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';

export const BRANCH_HINT_SECTION = 'metadata.code.branch_hint';

/** The unlikely `if`s of the instrumented bodies, as the section lists them. */
export interface BranchHints {
  /** Function index of each body that has hints, in increasing order. */
  functions: number[];
  /** Per entry of `functions`: byte offsets of its unlikely `if`s from the start of the body (its locals). */
  offsets: number[][];
  /** The offsets of the body being written (a fresh array per body, kept only if it gets any). */
  current: number[];
}

export function createBranchHints(): BranchHints {
  return { functions: [], offsets: [], current: [] };
}

/** Records that the `if` about to be written at `w.len` in the current body is unlikely to be taken. */
export function noteUnlikelyIf(hints: BranchHints | null, w: ByteWriter): void {
  hints?.current.push(w.len);
}

/** Closes the current body (function `index`); its hints, if any, join the section. */
export function endBodyHints(hints: BranchHints, index: number): void {
  if (hints.current.length === 0) return;
  hints.functions.push(index);
  hints.offsets.push(hints.current);
  hints.current = [];
}

/** Writes the custom section's payload (name included), or nothing and returns false when there are no hints. */
export function writeBranchHintPayload(w: ByteWriter, hints: BranchHints): boolean {
  if (hints.functions.length === 0) return false;
  writeName(w, BRANCH_HINT_SECTION);
  writeU32(w, hints.functions.length);
  hints.functions.forEach((index, i) => {
    const offsets = hints.offsets[i];
    writeU32(w, index);
    writeU32(w, offsets.length);
    for (const offset of offsets) {
      writeU32(w, offset);
      writeU8(w, 1); // hint size
      writeU8(w, 0); // 0: the condition is likely false
    }
  });
  return true;
}
