/**
 * A live instance of a canister's module: the WebAssembly instance, its memory, instruction counter and
 * persistent globals, and the canister's stable memory. It implements the System API's host environment.
 * A class because it owns things with a lifetime (a compiled module and instance); everything about the
 * canister that is plain data lives in `CanisterState`.
 */
import {
  COUNTER_EXPORT, DIRTY_LAST_EXPORT, DIRTY_MARKER_EXPORT, DIRTY_PAGES_EXPORT, DIRTY_PREVIOUS_EXPORT, MEMORY_EXPORT,
  TABLE_EXPORT, type PreparedModule,
} from '../wasm/prepareCanisterModule.ts';
import { ErrorCode, trapSignal, type TrapSignal } from '../errors.ts';
import type { SubnetConfig } from '../params.ts';
import {
  executionContextStart, restartExecutionContext, type Closure, type ExecutionContext, type ExecutionContextStart,
} from '../execution/executionContext.ts';
import { FAST_PATH_WARM_UP_INSTRUCTIONS } from '../wasm/fastPath.ts';
import { needsWarmUp } from '../wasm/fastModule.ts';
import { copyGlobalValues, instantiateFastModule, type FastInstance } from './fastInstance.ts';
import type { HostEnv } from '../systemApi/hostEnv.ts';
import type { ApiContext } from '../systemApi/apiContext.ts';
import { createSystemApiImports } from '../systemApi/createSystemApiImports.ts';
import { classifyTrap } from '../execution/classifyTrap.ts';
import { CALL_DEPTH_EXPORT, CALL_DEPTH_OVERFLOW, OUT_OF_INSTRUCTIONS_TRAP } from '../wasm/callDepth.ts';
import { StableMemory, WASM_PAGE_BYTES } from './stableMemory.ts';
import { playgroundMemoryTrap, UNMETERED, type MemoryMeter } from './memoryMeter.ts';
import { HeapJournal } from './heapJournal.ts';
import {
  forgetLiveInstance, instantiateMakingRoom, liveInstanceId, touchLiveInstance, type Sleeper,
} from './liveInstances.ts';
import { sameBytes } from '../sameBytes.ts';

/** What `invoke` reports: instructions used and the trap, if any. */
export interface InvokeResult {
  readonly instructions: bigint;
  readonly trap: TrapSignal | null;
}

/** A global's value as JavaScript reads it; null for a v128, which it cannot read. */
export type GlobalValue = number | bigint | null;

/**
 * The executions that may take the fast path or a first try: those whose changes a success commits. A discarded
 * execution (a query) is rolled back even when it succeeds, and its trace names the pages it wrote, which a fast copy
 * does not track. An install's `canister_init` (or `canister_post_upgrade`, also `init`) qualifies only when it is
 * the first execution of a transaction its runtime owns (`restartable`): an install or reinstall without a start
 * function, whose stable memory is new (an upgrade's holds what `canister_pre_upgrade` wrote in the same transaction).
 */
const FAST_PATH_CONTEXTS: ReadonlySet<ApiContext> = new Set<ApiContext>([
  'update', 'heartbeat', 'global_timer', 'on_low_wasm_memory', 'reply_callback', 'reject_callback', 'cleanup', 'init',
]);

/**
 * An entry point's code, found again after each restart (undoing a memory growth makes a new instance): the module's
 * own function and its fast copy (null without one); `key` names it for the fast path's predictions.
 */
interface EntryCode {
  readonly key: string;
  readonly own: () => () => void;
  readonly fast: () => (() => void) | null;
}

/** A global's value as a runtime holds it: a live instance's `WebAssembly.Global`, or a sleeping runtime's copy. */
interface GlobalCell {
  value: unknown;
}

export class CanisterRuntime implements HostEnv, Sleeper {
  private instance!: WebAssembly.Instance;
  /** The imports `instance` was made with: the fast module's instance is made with the same (`fastInstance`). */
  private imports: WebAssembly.Imports = {};
  /** The fast module's instance on this runtime's memory (`wasm/fastPath.ts`), made when first needed; dropped with `instance`. */
  private fast: FastInstance | null = null;
  /** Its instance was dropped (`liveInstances.ts`): `view` holds the heap and `globals` plain copies of the values. */
  private asleep = false;
  private readonly liveId = liveInstanceId();
  private memory: WebAssembly.Memory | null = null;
  private view = new Uint8Array(0);
  private counter!: WebAssembly.Global;
  /** The call-depth budget's global (`wasm/callDepth.ts`): set before each execution, read after a trap. */
  private callDepth!: WebAssembly.Global;
  private globals: GlobalCell[] = [];
  private current: ExecutionContext | null = null;
  private budget = 0n;
  /** The write barrier's marks (instrumented module, `DIRTY_*` exports) and the undo journal they feed. */
  private dirtyPages: WebAssembly.Table | null = null;
  private dirtyLast: WebAssembly.Global | null = null;
  private dirtyPrevious: WebAssembly.Global | null = null;
  private readonly dirtyMarker = {};
  private readonly journal = new HeapJournal();
  /** Every page the barrier (or the host) marked in this transaction, journaled or not: all must be cleared. */
  private readonly markedPages = new Set<number>();
  private globalsAtBegin: GlobalValue[] = [];
  /**
   * The committed globals at the start of the last round a transaction committed in: the inspector's "was X at the
   * start of this round". Committed globals change only when a transaction commits (a new instance and a checkpoint's
   * restore come with their own), so the values at the start of round R are those before R's first commit: the
   * `globalsAtBegin` of its transaction, kept by reference at no cost (never mutated: each begin makes a new array).
   * Taken at the commit, not the begin, because a long message commits rounds after it began. Part of the
   * checkpoint, so a seek that lands on a checkpoint shows what a straight play shows.
   */
  private roundStart: RoundStartGlobals | null = null;
  /**
   * Executions run since the transaction began, and whether it is this runtime's own (stable memory included):
   * only the first execution of its own transaction may take the fast path, whose replay rolls back to the begin.
   */
  private executionsInTransaction = 0;
  private ownTransaction = false;
  /** Instructions the last execution of each entry point used (an export, or a callback's function): a long one predicts a long one (`predictedLong`). */
  private readonly lastInstructions = new Map<string, bigint>();
  /** The checkpoint this runtime's heap was last equal to (taken or restored), and the pages written since. */
  private checkpointBaseline: RuntimeCheckpoint | null = null;
  private readonly writtenSinceBaseline = new Set<number>();
  /** Heap bytes counted on `meter` (the Wasm memory's byteLength when last synced); the journal counts its own. */
  private meteredHeapBytes = 0;

  /**
   * `meter` is the subnet's memory meter (`memoryMeter.ts`): the heap (and its journal) is counted there; the stable
   * memory counts itself on the meter it was given.
   */
  constructor(
    readonly prepared: PreparedModule,
    private readonly compiled: WebAssembly.Module,
    private stableMemory: StableMemory,
    readonly config: SubnetConfig,
    private meter: MemoryMeter = UNMETERED,
  ) {
    this.journal.attachMeter(meter);
    this.instantiate();
  }

  /** Bytes of a module's initial heap: install refuses a module whose heap alone exceeds the memory budget. */
  static initialHeapBytes(prepared: PreparedModule): number {
    return (prepared.info.memory?.initialPages ?? 0) * WASM_PAGE_BYTES;
  }

  /** Bytes this runtime really holds besides its stable memory: the heap and the heap journal's buffers. */
  heapAllocatedBytes(): number {
    return this.meteredHeapBytes + this.journal.allocatedBytes();
  }

  /** Counts the heap on `meter` from now on (the stable memory is attached on its own: an upgrade shares it). */
  attachMeter(meter: MemoryMeter): void {
    if (meter === this.meter) return;
    this.meter.release(this.meteredHeapBytes);
    this.meter = meter;
    meter.charge(this.meteredHeapBytes);
    this.journal.attachMeter(meter);
  }

  /** Stops counting the heap on its subnet's meter: the runtime no longer belongs to the subnet. */
  detachMeter(): void {
    this.attachMeter(UNMETERED);
  }

  /** Brings the meter up to the heap's size now (it changes by instantiation and growth). */
  private syncHeapMeter(): void {
    const bytes = this.memoryBytes().length;
    this.meter.charge(bytes - this.meteredHeapBytes);
    this.meteredHeapBytes = bytes;
  }

  get stable(): StableMemory {
    return this.stableMemory;
  }

  // ---- HostEnv ----
  ctx(): ExecutionContext {
    if (!this.current) throw new Error('engine invariant violated: System API called outside an execution');
    return this.current;
  }

  memoryBytes(): Uint8Array {
    if (!this.memory) return this.view;
    if (this.view.buffer !== this.memory.buffer) this.view = new Uint8Array(this.memory.buffer);
    return this.view;
  }

  charge(instructions: bigint): void {
    if (instructions === 0n) return;
    const left = (this.counter.value as bigint) - instructions;
    this.counter.value = left;
    if (left < 0n) this.outOfInstructions();
  }

  instructionsUsed(): bigint {
    const used = this.budget - (this.counter.value as bigint);
    return used > this.budget ? this.budget : used;
  }

  // ---- execution ----
  hasExport(name: string): boolean {
    return functionExports(this.compiled).has(name);
  }

  /**
   * Runs one export with `budget` instructions in `ctx`. Never throws for anything the canister does. An execution
   * predicted long runs in the module's fast copies (`wasm/fastPath.ts`) with the heap journaled whole; if that
   * ends in a trap other than running out of instructions, everything is put back as it was and the execution runs
   * again in the module's own code, whose result is the one reported (same instructions, same state, same trap).
   */
  invoke(exportName: string, ctx: ExecutionContext, budget: bigint): InvokeResult {
    return this.invokeEntry({
      key: exportName,
      own: () => this.instance.exports[exportName] as () => void,
      fast: () => {
        const fast = this.fastInstance();
        const fn = fast?.instance.exports[exportName];
        return typeof fn === 'function' ? () => this.inFastInstance(fast!, fn as () => void) : null;
      },
    }, ctx, budget);
  }

  /**
   * Runs a callback from the module's table with its environment (ic-reference.md §3.5: "invoked through the
   * module's table with its env"), as `invoke` runs an export (the fast module's table holds the fast copy at the
   * same index). A missing entry traps like a bad `call_indirect`.
   */
  invokeClosure(closure: Closure, ctx: ExecutionContext, budget: bigint): InvokeResult {
    const entry = (instance = this.instance): ((env: number) => void) | null => {
      const table = instance.exports[TABLE_EXPORT] as WebAssembly.Table | undefined;
      try {
        return table ? (table.get(closure.fun) as ((env: number) => void) | null) : null;
      } catch {
        return null;
      }
    };
    const fn = entry();
    if (!fn) {
      return this.run(() => { throw trapSignal(ErrorCode.CanisterTrapped, 'Canister trapped: table out of bounds'); }, ctx, budget);
    }
    // The JS API names a Wasm function by its index in the module: the callback's function, whatever its table slot.
    return this.invokeEntry({
      key: `callback ${fn.name}`,
      own: () => {
        const current = entry()!; // a restart may have made a new instance: its table holds the same functions
        return () => current(closure.env);
      },
      fast: () => {
        const fast = this.fastInstance();
        const copy = fast ? entry(fast.instance) : null;
        return copy ? () => this.inFastInstance(fast!, () => copy(closure.env)) : null;
      },
    }, ctx, budget);
  }

  /**
   * Runs an entry point: in the module's own code; or, predicted long (`fastPathInstructionsPerPage`), in its fast
   * copy; or, the first time, tried short first (`runTryingFirst`). Only executions that can be restarted
   * (`restartable`) take the fast path or a try. The instructions it used predict the next execution of `key`.
   */
  private invokeEntry(entry: EntryCode, ctx: ExecutionContext, budget: bigint): InvokeResult {
    let result: InvokeResult;
    const last = this.lastInstructions.get(entry.key);
    const { firstTryInstructions } = this.config.params;
    // Cheapest tests first: this runs for every message, and most are short.
    if (!this.restartable(ctx)) {
      result = this.run(entry.own(), ctx, budget);
    } else if (last === undefined) {
      result = firstTryInstructions > 0n && budget > firstTryInstructions
        ? this.runTryingFirst(entry, ctx, budget)
        : this.run(entry.own(), ctx, budget);
    } else {
      const fast = this.predictedLong(last) ? entry.fast() : null;
      result = fast === null ? this.run(entry.own(), ctx, budget) : this.runFastWarm(entry, fast, ctx, budget);
    }
    this.lastInstructions.set(entry.key, result.instructions);
    return result;
  }

  /**
   * Whether this execution can be undone and run again from its start (`restart`): the first of its runtime's own
   * transaction (stable memory included), in a context whose success commits (`FAST_PATH_CONTEXTS`).
   */
  private restartable(ctx: ExecutionContext): boolean {
    return this.executionsInTransaction === 0 && this.ownTransaction && FAST_PATH_CONTEXTS.has(ctx.api);
  }

  /**
   * The first execution of an entry point runs in V8's baseline code to its end, however long: V8 replaces a
   * function's code with optimized code only for later calls, and a first message that loops for 40 B instructions
   * ran about 3.2 times slower than with the try (BENCHMARKS.md, session 9). So it runs first with
   * `firstTryInstructions` (params.ts): most executions end within them and that is their result; a longer one,
   * meanwhile hot enough for V8 to optimize, is undone and run again with its whole budget, in the fast copy when
   * the heap allows (`runFastWarm`). Either way the result is the one a single run gives.
   */
  private runTryingFirst(entry: EntryCode, ctx: ExecutionContext, budget: bigint): InvokeResult {
    const start = executionContextStart(ctx);
    const tried = this.run(entry.own(), ctx, this.config.params.firstTryInstructions);
    if (tried.trap?.code !== ErrorCode.CanisterInstructionLimitExceeded) return tried;
    this.restart(ctx, start);
    const fast = this.heapFitsFastPath() ? entry.fast() : null;
    return fast === null ? this.run(entry.own(), ctx, budget) : this.runFastWarm(entry, fast, ctx, budget);
  }

  /** `runFast`, after warming the fast copy up if this is its first run (`warmUp`). */
  private runFastWarm(entry: EntryCode, fast: () => void, ctx: ExecutionContext, budget: bigint): InvokeResult {
    if (!needsWarmUp(this.prepared, entry.key)) return this.runFast(entry, fast, ctx, budget);
    this.warmUp(fast, ctx, budget);
    // The warm-up's restart may have made a new instance (undoing a memory growth): its fast copy is another function.
    return this.runFast(entry, entry.fast() ?? fast, ctx, budget);
  }

  /** Runs the fast copy with the heap journaled whole; replays a trap (other than out of instructions) in the module's own code. */
  private runFast(entry: EntryCode, fast: () => void, ctx: ExecutionContext, budget: bigint): InvokeResult {
    const start = executionContextStart(ctx);
    this.journalWholeHeap();
    const result = this.run(fast, ctx, budget);
    if (result.trap === null || result.trap.code === ErrorCode.CanisterInstructionLimitExceeded) return result;
    this.restart(ctx, start);
    return this.run(entry.own(), ctx, budget);
  }

  /**
   * Runs a fast copy for a moment and undoes it all. V8 compiles optimized code for a function only once it has run
   * hot, and a call already running keeps the baseline code it started with: the first real run of a fast copy
   * would be several times slower than the module's own, optimized code. So the first time a fast copy is to run, it
   * runs for `FAST_PATH_WARM_UP_INSTRUCTIONS` first (V8 compiles the optimized code meanwhile, in the background)
   * and everything is rolled back.
   */
  private warmUp(fast: () => void, ctx: ExecutionContext, budget: bigint): void {
    const start = executionContextStart(ctx);
    this.journalWholeHeap();
    this.run(fast, ctx, budget < FAST_PATH_WARM_UP_INSTRUCTIONS ? budget : FAST_PATH_WARM_UP_INSTRUCTIONS);
    this.restart(ctx, start);
  }

  /** Undoes everything the transaction's execution did, in the runtime and in its context, to run it again. */
  private restart(ctx: ExecutionContext, start: ExecutionContextStart): void {
    this.undoTransaction();
    this.beginTransaction();
    restartExecutionContext(ctx, start);
  }

  /** An execution after one that used `last` instructions takes the fast path (`fastPathInstructionsPerPage`). */
  private predictedLong(last: bigint): boolean {
    if (!this.heapFitsFastPath()) return false;
    const pages = BigInt(this.memoryBytes().length / WASM_PAGE_BYTES);
    return last >= this.config.params.fastPathInstructionsPerPage * (pages > 0n ? pages : 1n);
  }

  /** The heap is small enough to be journaled whole (`fastPathMaxHeapPages`; 0 turns the fast path off, empty heaps too). */
  private heapFitsFastPath(): boolean {
    const max = this.config.params.fastPathMaxHeapPages;
    return max > 0n && BigInt(this.memoryBytes().length / WASM_PAGE_BYTES) <= max;
  }

  /**
   * The fast module's instance (`wasm/fastPath.ts`) on this runtime's memory, made the first time it is needed after
   * each new `instance`, with the same imports; null if the module has no fast module (`wasm/fastModule.ts`).
   */
  private fastInstance(): FastInstance | null {
    if (this.fast === null && this.memory !== null) this.fast = instantiateFastModule(this.prepared, this.imports, this.memory);
    return this.fast;
  }

  /**
   * Runs `fn` of the fast instance as an execution of this runtime: the mutable globals are copied in before and out
   * after (the memory is shared), and meanwhile the host charges and reads the fast instance's counter and
   * call-depth global, which start and end with the values of the runtime's own (`run` sets and reads those).
   */
  private inFastInstance(fast: FastInstance, fn: () => void): void {
    const own = { counter: this.counter, callDepth: this.callDepth };
    copyGlobalValues(this.globals, fast.globals);
    fast.counter.value = own.counter.value;
    fast.callDepth.value = own.callDepth.value;
    this.counter = fast.counter;
    this.callDepth = fast.callDepth;
    try {
      fn();
    } finally {
      this.counter = own.counter;
      this.callDepth = own.callDepth;
      own.counter.value = fast.counter.value;
      own.callDepth.value = fast.callDepth.value;
      copyGlobalValues(fast.globals, this.globals);
    }
  }

  /**
   * Journals the whole heap in one copy, as the barrier would each page before its first write: fast copies have
   * none. Every page counts as written since the checkpoint baseline; none is marked in the barrier's table (only
   * the first execution of a transaction runs fast, and the journal holds every page whatever runs after it).
   */
  private journalWholeHeap(): void {
    const heap = this.memoryBytes();
    this.journal.saveWhole(heap);
    if (this.checkpointBaseline) for (let page = 0; page < heap.length / WASM_PAGE_BYTES; page++) this.writtenSinceBaseline.add(page);
  }

  private run(fn: () => void, ctx: ExecutionContext, budget: bigint): InvokeResult {
    // The write barrier's marks are only cleared by a transaction's end: running outside one would leave
    // pages marked and unjournaled for the next execution.
    if (!this.journal.isActive()) throw new Error('engine invariant violated: execution outside a transaction');
    this.current = ctx;
    this.executionsInTransaction++;
    this.budget = budget;
    this.counter.value = budget;
    this.callDepth.value = -Number(this.config.params.maxCallDepth);
    let trap: TrapSignal | null = null;
    try {
      fn();
    } catch (error) {
      trap = this.injectedTrap() ?? classifyTrap(error);
    } finally {
      this.current = null;
    }
    const used = trap?.code === ErrorCode.CanisterInstructionLimitExceeded ? budget : this.instructionsUsed();
    return { instructions: used, trap };
  }

  wasmMemoryBytes(): bigint {
    return BigInt(this.memoryBytes().length);
  }

  /** Bytes of the persistent globals, billed as `global_memory_size` (8 bytes each is the replica's measure). */
  globalsBytes(): bigint {
    return BigInt(this.globals.length * 8);
  }

  // ---- transactions (ic-reference.md §3.4): heap, globals and stable memory commit or roll back together ----
  beginTransaction(): void {
    this.beginHeapTransaction();
    this.stable.begin();
    this.ownTransaction = true;
  }

  /** `round` is the subnet's current round: the first commit in a round keeps the globals from before it. */
  commitTransaction(round: number): void {
    this.stable.commit();
    this.commitHeapTransaction(round);
  }

  /**
   * Heap and globals only: a fresh instance during install shares its stable memory's transaction, begun by the
   * install. `ownsStable`: that stable memory is new with this install (install, reinstall), so undoing the
   * transaction to run an execution again may roll it back and begin it again too (`restart`).
   */
  beginHeapTransaction(ownsStable = false): void {
    // Every execution runs in a transaction (`run` checks), and a runtime in one cannot be put to sleep: woken here,
    // it stays awake until the transaction ends.
    this.wake();
    this.journal.begin(this.memoryBytes());
    this.globalsAtBegin = this.globals.map(readGlobal);
    this.executionsInTransaction = 0;
    this.ownTransaction = ownsStable;
  }

  commitHeapTransaction(round: number): void {
    if (this.roundStart?.round !== round) this.roundStart = { round, values: this.globalsAtBegin };
    this.clearBarrier();
    this.journal.clear();
  }

  /** Undoes everything since `beginTransaction`; returns what was undone, for the trace. */
  rollbackTransaction(): string[] {
    const undone = this.describeUndo();
    this.undoTransaction();
    return undone;
  }

  /** `rollbackTransaction` without describing it (the fast path's restarts, whose undo nobody reads). */
  private undoTransaction(): void {
    this.journal.restore(this.memoryBytes());
    const committedBytes = this.journal.pagesAtBegin() * WASM_PAGE_BYTES;
    if (this.memoryBytes().length > committedBytes) {
      // Wasm memory cannot shrink: a new instance takes the restored pages that existed at the start.
      this.instantiateWithHeap(this.memoryBytes().subarray(0, committedBytes));
    }
    this.clearBarrier();
    this.setGlobals(this.globalsAtBegin);
    this.stable.rollback();
    this.journal.clear();
  }

  /** Records host writes to the heap (ic0 copies into memory) with the journal, as the barrier does for stores. */
  markWritten(dst: number, length: number): void {
    if (length <= 0 || !this.journal.isActive()) return;
    const mem = this.memoryBytes();
    const first = Math.floor(dst / WASM_PAGE_BYTES);
    const last = Math.floor((Math.min(dst + length, mem.length) - 1) / WASM_PAGE_BYTES);
    for (let page = first; page <= last; page++) this.markPage(page);
  }

  /** The barrier reports a page before its first write in a transaction (`mark_dirty_page`). */
  private onDirtyPage(page: number): void {
    this.markedPages.add(page);
    if (this.checkpointBaseline) this.writtenSinceBaseline.add(page);
    this.journal.save(this.memoryBytes(), page);
  }

  private markPage(page: number): void {
    if (this.markedPages.has(page)) return;
    this.onDirtyPage(page);
    if (!this.dirtyPages) return;
    if (page >= this.dirtyPages.length) this.growDirtyPages();
    this.dirtyPages.set(page, this.dirtyMarker);
  }

  /**
   * Grows the barrier's table to cover the memory, at least doubling it, as the mark function does
   * (`writeBarrier.ts`); the host marks only pages of the memory. New entries must be null (unmarked): the JS
   * API would fill them with `undefined`, a non-null externref.
   */
  private growDirtyPages(): void {
    const table = this.dirtyPages!;
    const pages = this.memoryBytes().length / WASM_PAGE_BYTES;
    table.grow(Math.max(pages - table.length, table.length, 1), null);
  }

  private clearBarrier(): void {
    // After a rollback that re-instantiated, the table is a new one (clean, and maybe shorter than the pages marked).
    const table = this.dirtyPages;
    if (table) for (const page of this.markedPages) if (page < table.length) table.set(page, null);
    this.markedPages.clear();
    if (this.dirtyLast) this.dirtyLast.value = -1;
    if (this.dirtyPrevious) this.dirtyPrevious.value = -1;
  }

  // ---- sleeping (`liveInstances.ts`) ----
  /**
   * Between executions and transactions, with a memory (else its instance reserves nothing), if its module allows
   * and its heap is small enough to copy out (`SLEEP_MAX_HEAP_BYTES`).
   */
  canSleep(): boolean {
    return !this.asleep && this.memory !== null && this.current === null && !this.journal.isActive()
      && !this.prepared.info.keepsInstance && this.memory.buffer.byteLength <= SLEEP_MAX_HEAP_BYTES;
  }

  /** Copies the heap and the globals' values out and drops the instance; `wake` brings them back. */
  sleep(): void {
    if (!this.canSleep()) throw new Error('engine invariant violated: a runtime put to sleep while it cannot sleep');
    this.view = this.memoryBytes().slice();
    this.globals = this.globals.map((global) => ({ value: readGlobal(global) }));
    this.memory = null;
    this.journal.releaseSpare();
    // Every object exported by the instance keeps it, and its memory's reservation, alive.
    this.counter = SLEEPING_GLOBAL;
    this.callDepth = SLEEPING_GLOBAL;
    this.dirtyPages = null;
    this.dirtyLast = null;
    this.dirtyPrevious = null;
    this.instance = SLEEPING;
    this.imports = {};
    this.fast = null;
    this.asleep = true;
    forgetLiveInstance(this.liveId);
  }

  /** Before anything that needs the instance: a sleeping runtime gets a new one with its heap and globals. */
  private wake(): void {
    if (!this.asleep) {
      if (this.memory !== null) touchLiveInstance(this.liveId, this);
      return;
    }
    const heap = this.view;
    const values = this.globals.map((cell) => cell.value as GlobalValue);
    this.asleep = false;
    this.instantiateWithHeap(heap);
    this.setGlobals(values);
  }

  /** A new instance whose heap is `heap` (its initial heap is never larger: memory only grows). */
  private instantiateWithHeap(heap: Uint8Array): void {
    this.instantiate();
    this.growHeapTo(heap.length);
    this.memoryBytes().set(heap);
  }

  /** Grows the heap to `bytes` if it is smaller (memory only grows), and counts it. */
  private growHeapTo(bytes: number): void {
    const missing = (bytes - this.memoryBytes().length) / WASM_PAGE_BYTES;
    if (missing > 0) this.memory!.grow(missing);
    this.syncHeapMeter();
  }

  /** Sets the globals to `values` (`persistentGlobals` order); a null value (a v128 global) is left as it is. */
  private setGlobals(values: readonly GlobalValue[]): void {
    this.globals.forEach((global, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) global.value = value;
    });
  }

  /** What rolling back now would undo in the heap and globals. */
  describeUndo(): string[] {
    const changes: string[] = [];
    const pagesNow = this.memoryBytes().length / WASM_PAGE_BYTES;
    const grown = pagesNow - this.journal.pagesAtBegin();
    if (grown > 0) changes.push(`memory growth of ${grown} pages`);
    // Without a barrier (the fast path ran out of instructions) the pages written are not known: the pages
    // whose bytes changed stand for them (`wasm/fastPath.ts`).
    const written = this.journal.savedWhole() ? this.journal.changedPageCount(this.memoryBytes())
      : grown > 0 ? this.markedPages.size : this.journal.savedPageCount();
    if (written > 0) changes.push(`${written} Wasm memory page${written === 1 ? '' : 's'} written`);
    const globals = this.globals.filter((g, i) => readGlobal(g) !== this.globalsAtBegin[i]).length;
    if (globals > 0) changes.push(`${globals} global${globals === 1 ? '' : 's'}`);
    return changes;
  }

  /**
   * A separate instance holding the committed state (heap, globals, stable memory) while a long message's
   * transaction is open, so queries see the state from before it (ic-reference.md §7.4). Costs a copy of
   * memory: it is made only for a query to a paused canister.
   */
  forkCommitted(): CanisterRuntime {
    const fork = new CanisterRuntime(this.prepared, this.compiled, this.stable.committedClone(), this.config);
    const heap = this.journal.isActive() ? this.journal.committedCopy(this.memoryBytes()) : this.memoryBytes().slice();
    fork.growHeapTo(heap.length);
    fork.memoryBytes().set(heap);
    fork.setGlobals(this.committedGlobals());
    return fork;
  }

  /** The globals as committed (before the open transaction of a paused long message), in `persistentGlobals` order. */
  committedGlobals(): readonly GlobalValue[] {
    return this.journal.isActive() ? this.globalsAtBegin : this.globals.map(readGlobal);
  }

  /** The committed globals at the start of `round`: as they are now unless a commit in `round` changed them. */
  globalsAtRoundStart(round: number): readonly GlobalValue[] {
    return this.roundStart?.round === round ? this.roundStart.values : this.committedGlobals();
  }

  /**
   * The runtime's committed state for a checkpoint (`subnet/subnetCheckpoint.ts`): heap pages, globals, stable
   * memory, and the fast path's predictions (which decide how a later execution runs, and so what its trace says).
   * Pages equal to `previous`'s are shared with it. Only between transactions: a paused long message has one open.
   */
  checkpoint(previous: RuntimeCheckpoint | null): RuntimeCheckpoint {
    if (this.journal.isActive()) throw new Error('engine invariant violated: a runtime checkpointed inside a transaction');
    const heap = this.memoryBytes();
    const heapPages: Uint8Array[] = [];
    // Since the baseline every written page was journaled: the others need no comparing.
    const sinceBaseline = previous !== null && previous === this.checkpointBaseline;
    for (let at = 0, page = 0; at < heap.length; at += WASM_PAGE_BYTES, page++) {
      const bytes = heap.subarray(at, at + WASM_PAGE_BYTES);
      const before = previous?.compiled === this.compiled ? previous.heapPages[page] : undefined;
      const same = before !== undefined && (sinceBaseline ? !this.writtenSinceBaseline.has(page) : sameBytes(before, bytes));
      heapPages.push(same ? before : bytes.slice());
    }
    const checkpoint: RuntimeCheckpoint = {
      prepared: this.prepared,
      compiled: this.compiled,
      heapPages,
      globals: this.globals.map(readGlobal),
      roundStart: this.roundStart,
      stablePages: this.stable.checkpointPages(previous?.stablePages ?? null),
      stableSizePages: this.stable.size(),
      lastInstructions: new Map(this.lastInstructions),
    };
    this.checkpointBaseline = checkpoint;
    this.writtenSinceBaseline.clear();
    return checkpoint;
  }

  /**
   * A runtime in the state a checkpoint recorded (the checkpoint's arrays are copied, never shared). Instantiating
   * costs a few hundred microseconds and a Wasm memory reservation, so `recycled`, a runtime of the same
   * module that nothing uses any more (the session a seek replaces), is reset and returned instead where it can be:
   * it is awake, its heap is not larger than the checkpoint's (memory cannot shrink) and its code cannot have dropped
   * a passive data segment (instance state no checkpoint carries). The runtime, heap and stable memory, is counted on `meter`.
   */
  static fromCheckpoint(
    checkpoint: RuntimeCheckpoint, config: SubnetConfig, recycled: CanisterRuntime | null = null, meter: MemoryMeter = UNMETERED,
  ): CanisterRuntime {
    const stable = StableMemory.fromCheckpoint(checkpoint.stablePages, checkpoint.stableSizePages, meter);
    const reusable = recycled !== null && !recycled.asleep && recycled.compiled === checkpoint.compiled && recycled.config === config
      && !recycled.prepared.info.usesPassiveData && !recycled.journal.isActive()
      && recycled.memoryBytes().length <= checkpoint.heapPages.length * WASM_PAGE_BYTES;
    const runtime = reusable ? recycled : new CanisterRuntime(checkpoint.prepared, checkpoint.compiled, stable, config, meter);
    runtime.attachMeter(meter);
    runtime.stableMemory = stable;
    runtime.growHeapTo(checkpoint.heapPages.length * WASM_PAGE_BYTES);
    const heap = runtime.memoryBytes();
    checkpoint.heapPages.forEach((page, i) => heap.set(page, i * WASM_PAGE_BYTES));
    runtime.setGlobals(checkpoint.globals);
    runtime.roundStart = checkpoint.roundStart;
    runtime.lastInstructions.clear();
    for (const [name, used] of checkpoint.lastInstructions) runtime.lastInstructions.set(name, used);
    runtime.checkpointBaseline = checkpoint;
    runtime.writtenSinceBaseline.clear();
    return runtime;
  }

  /** A copy of the heap, for inspection (inspector, tests). */
  heapCopy(): Uint8Array {
    return this.memoryBytes().slice();
  }

  private outOfInstructions(): never {
    throw this.instructionLimitTrap();
  }

  private instructionLimitTrap(): TrapSignal {
    return trapSignal(
      ErrorCode.CanisterInstructionLimitExceeded,
      `Canister exceeded the limit of ${this.budget} instructions for single message execution.`,
    );
  }

  /** The traps the instrumented code raises itself, named in the call-depth global (`wasm/callDepth.ts`). */
  private injectedTrap(): TrapSignal | null {
    const cause = this.callDepth.value as number;
    if (cause === CALL_DEPTH_OVERFLOW) return trapSignal(ErrorCode.CanisterTrapped, 'Canister trapped: stack overflow');
    if (cause === OUT_OF_INSTRUCTIONS_TRAP) return this.instructionLimitTrap();
    return null;
  }

  /** Called by instrumented code after every `memory.grow` (the replica's `try_grow_wasm_memory`). */
  private tryGrowWasmMemory(previousPages: number, deltaPages: number): number {
    if (previousPages === -1 || !this.current) return previousPages;
    const ctx = this.current;
    const newBytes = BigInt(previousPages + (deltaPages >>> 0)) * BigInt(WASM_PAGE_BYTES);
    if (ctx.enforceWasmMemoryLimit && ctx.wasmMemoryLimit > 0n && newBytes > ctx.wasmMemoryLimit) {
      throw trapSignal(
        ErrorCode.CanisterWasmMemoryLimitExceeded,
        `Canister exceeded its current Wasm memory limit of ${ctx.wasmMemoryLimit} bytes. The peak Wasm memory usage was ${newBytes} bytes. ` +
          'If the canister reaches 4GiB, then it may stop functioning and may become unrecoverable. ' +
          'Please reach out to the canister owner to investigate the reason for the increased memory usage. ' +
          'It might be necessary to move data from the Wasm memory to the stable memory. ' +
          'If such high Wasm memory usage is expected and safe, then the developer can increase the Wasm memory limit in the canister settings.',
      );
    }
    // Then the subnet's memory (replica `allocate_execution_memory`: `HypervisorError::OutOfMemory`, a trap), here the
    // playground's own budget. V8 has grown the memory already: the trap's rollback re-instantiates it at its old size.
    const grownBytes = (deltaPages >>> 0) * WASM_PAGE_BYTES;
    if (!this.meter.fits(grownBytes)) throw playgroundMemoryTrap(this.meter, grownBytes, 'memory.grow');
    this.syncHeapMeter();
    return previousPages;
  }

  private instantiate(): void {
    const info = this.prepared.info;
    const imports: WebAssembly.Imports = {
      ic0: createSystemApiImports(this, info.ic0Imports),
      __: {
        out_of_instructions: () => this.outOfInstructions(),
        try_grow_wasm_memory: (previous: number, delta: number) => this.tryGrowWasmMemory(previous, delta),
        mark_dirty_page: (page: number) => this.onDirtyPage(page >>> 0),
        mark_dirty_range: (dst: number, length: number) => this.markWritten(dst >>> 0, length >>> 0),
      },
    };
    const env: Record<string, WebAssembly.ExportValue> = {};
    if (info.memory?.imported) {
      env.memory = new WebAssembly.Memory({ initial: info.memory.initialPages, maximum: info.memory.maximumPages ?? undefined });
    }
    if (info.importsTable) {
      env.table = new WebAssembly.Table({ element: 'anyfunc', initial: info.importsTable.initial, maximum: info.importsTable.maximum ?? undefined });
    }
    if (Object.keys(env).length > 0) imports.env = env;
    this.instance = instantiateMakingRoom(this.compiled, imports);
    this.imports = imports;
    this.fast = null;
    const exports = this.instance.exports;
    this.memory = (exports[MEMORY_EXPORT] as WebAssembly.Memory | undefined) ?? null;
    this.view = this.memory ? new Uint8Array(this.memory.buffer) : new Uint8Array(0);
    this.counter = exports[COUNTER_EXPORT] as WebAssembly.Global;
    this.callDepth = exports[CALL_DEPTH_EXPORT] as WebAssembly.Global;
    this.globals = info.persistentGlobals.map((name) => exports[name] as WebAssembly.Global);
    this.dirtyPages = (exports[DIRTY_PAGES_EXPORT] as WebAssembly.Table | undefined) ?? null;
    this.dirtyLast = (exports[DIRTY_LAST_EXPORT] as WebAssembly.Global | undefined) ?? null;
    this.dirtyPrevious = (exports[DIRTY_PREVIOUS_EXPORT] as WebAssembly.Global | undefined) ?? null;
    const marker = exports[DIRTY_MARKER_EXPORT] as WebAssembly.Global | undefined;
    if (marker) marker.value = this.dirtyMarker;
    this.syncHeapMeter();
    if (this.memory !== null) touchLiveInstance(this.liveId, this);
  }
}

/** A sleeping runtime's `instance`: nothing may use it (`wake` replaces it first). */
const SLEEPING = new Proxy({} as WebAssembly.Instance, {
  get: () => { throw new Error('engine invariant violated: a sleeping runtime\'s instance was used'); },
});

/**
 * A larger heap keeps its instance: copying it out would hold it twice until the old memory is collected (a 1 GiB
 * heap in a tab whose budget is 1 GiB). Such canisters are few; each keeps one memory reservation.
 */
const SLEEP_MAX_HEAP_BYTES = 64 * 1024 * 1024;

const SLEEPING_GLOBAL = new WebAssembly.Global({ value: 'i64', mutable: true }, 0n);

const functionExportsByModule = new WeakMap<WebAssembly.Module, ReadonlySet<string>>();

/** The names of a compiled module's function exports (asked without an instance: a sleeping runtime has none). */
function functionExports(compiled: WebAssembly.Module): ReadonlySet<string> {
  let names = functionExportsByModule.get(compiled);
  if (names === undefined) {
    names = new Set(WebAssembly.Module.exports(compiled).filter((e) => e.kind === 'function').map((e) => e.name));
    functionExportsByModule.set(compiled, names);
  }
  return names;
}

/** A runtime's committed state (`CanisterRuntime.checkpoint`): plain data and arrays nobody writes to. */
export interface RuntimeCheckpoint {
  readonly prepared: PreparedModule;
  readonly compiled: WebAssembly.Module;
  /** The heap in 64 KiB pages. */
  readonly heapPages: readonly Uint8Array[];
  readonly globals: readonly GlobalValue[];
  readonly roundStart: RoundStartGlobals | null;
  /** Stable memory's written 4 KiB pages by index (`stableMemory.ts`), and its size in 64 KiB Wasm pages. */
  readonly stablePages: ReadonlyMap<number, Uint8Array>;
  readonly stableSizePages: number;
  readonly lastInstructions: ReadonlyMap<string, bigint>;
}

/** The committed globals before the first commit of `round` (`CanisterRuntime.roundStart`); never mutated. */
export interface RoundStartGlobals {
  readonly round: number;
  readonly values: readonly GlobalValue[];
}

/** v128 globals cannot be read from JavaScript; they are left as they are (see docs/ENGINE.md). */
function readGlobal(global: GlobalCell): GlobalValue {
  try {
    return global.value as number | bigint;
  } catch {
    return null;
  }
}

export { StableMemory };
