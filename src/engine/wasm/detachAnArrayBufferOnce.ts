/**
 * Detaches one empty ArrayBuffer, the first time it is called in the process.
 *
 * V8 compiles code that reads typed arrays without checking whether their buffer was detached for as long as no
 * ArrayBuffer in the process has ever been (its ArrayBufferDetaching protector), and throws all of that optimized
 * code away the first time one is. A canister's first `memory.grow` detaches its memory's old buffer: in a fresh
 * process that came after the first install had optimized the instrumenter, so a long call's fast module
 * (`fastModule.ts`) was built by instrumenter code V8 was compiling all over again (BENCHMARKS.md, session 23).
 * Detached here before the instrumenter first runs, its code is optimized once, with the checks it needs after any
 * grow anyway. It changes no result.
 */
let done = false;

export function detachAnArrayBufferOnce(): void {
  if (done) return;
  done = true;
  try {
    // Growing a memory detaches its current buffer, even by 0 pages (the JS API's "refresh the memory buffer").
    new WebAssembly.Memory({ initial: 0 }).grow(0);
  } catch {
    // No memory to be had (a tab out of address space): only the speed of a later fast module depended on it.
  }
}
