/**
 * Fast copies: a second instrumentation of a module with a memory, for executions the host expects to be long (the
 * host's side: `canister/canisterRuntime.ts`). The module's own instrumented functions write the instruction counter
 * to its global at every charge (a trap may happen anywhere, and the host then reads it) and put the write barrier
 * before every store (the host journals each page before its first write). Both cost about as much as the work in
 * a tight loop over memory (BENCHMARKS.md, issue #5). A fast copy has neither:
 *
 * - it writes the counter to the global only before calls (of the host, of another function, of the charging
 *   helper, `memory.grow`) and at its exits, and in the out-of-instructions check before it traps;
 * - it has no write barrier: the host journals the whole heap before running it.
 *
 * So a fast copy computes exactly what its original computes and charges exactly the same instructions, and the
 * counter is right wherever the host or another function can read it, except after a trap. The host therefore
 * replays, with the original functions and from the same starting state, any execution of a fast copy that ends
 * in a trap other than running out of instructions; the replay's result is the execution's result.
 *
 * The fast copies make a module of their own, the *fast module* (`instrumentModule` with variant `'fast'`), built
 * and compiled only when an execution of the module first takes the fast path (`fastModule.ts`), so a module that
 * never runs long costs no more than its own instrumentation. It has the instrumented module's function, type,
 * table and global indices, imports the canister's memory (`FAST_MEMORY_IMPORT`: the heap is shared, nothing is
 * copied), and has its own globals (the host copies the mutable ones in before a fast run and out after it) and its
 * own table, filled with its own functions by the same element segments: calls, `call_indirect` and callbacks all
 * stay in fast code.
 */

/**
 * Instructions a fast copy runs once, and is then rolled back, before its first real execution, so that V8 has
 * compiled its optimized code by then (`canister/canisterRuntime.ts` `warmUp`): about 10 ms, enough to use up V8's
 * tier-up budget in any loop. Ours; it changes no result.
 */
export const FAST_PATH_WARM_UP_INSTRUCTIONS = 10_000_000n;

/** The fast module imports the canister's memory as `__.memory` when the module defines it (else as the module does). */
export const FAST_MEMORY_IMPORT = 'memory';
