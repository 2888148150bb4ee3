/**
 * How many canister runtimes with a Wasm memory keep a live instance at once, process-wide (issue 16, target 3).
 *
 * V8 reserves address space for every Wasm memory (about 10 GiB with its guard regions, whatever the memory's
 * size): a Node process runs out at about 12,000 memories, and a Chromium tab, whose V8 sandbox is 1 TiB, at
 * about 120 (`new WebAssembly.Instance` throws "Out of memory: Cannot allocate Wasm memory"). So a runtime that has
 * not run for a while is put to sleep: its heap and globals are copied out and its instance dropped; it is woken,
 * into a new instance of the same compiled module, when it next runs. The least recently run go to sleep first.
 * Nothing an execution can observe changes (heap, globals, instruction counts, the fast path's predictions all
 * carry over), so reports do not depend on the limit: a property test runs scenarios at a limit of 1 and compares.
 *
 * Process-wide rather than per subnet because the address space is: the sessions a seek replaces, query forks
 * and snapshots all hold instances too. The pool refers to runtimes weakly, so one nobody holds any more is
 * collected with its instance instead of being kept until it would be put to sleep.
 */

/** What the pool needs of a runtime. */
export interface Sleeper {
  /** Whether it can be put to sleep now (between executions and transactions, and its module allows it). */
  canSleep(): boolean;
  /** Copies its state out and drops its instance. */
  sleep(): void;
}

/** Node's default: far below the ~12,000 memories a process can reserve, far above a typical subnet. */
export const DEFAULT_LIVE_INSTANCES = 2_000;

/**
 * The browser's worker: Chromium 156 refused the 125th memory of a page that held nothing else (measured,
 * BENCHMARKS.md 2026-12-06); the worker's own WAT compiler and the Motoko compiler need memories too.
 */
export const BROWSER_LIVE_INSTANCES = 48;

let limit = DEFAULT_LIVE_INSTANCES;
/** Live runtimes, least recently run first (a Map keeps insertion order; a touch moves an entry to the end). */
const live = new Map<number, WeakRef<Sleeper>>();
let nextId = 0;

/**
 * Sets how many runtimes with a memory stay live at once (the browser's worker lowers it: `BROWSER_LIVE_INSTANCES`).
 * At least 1; runtimes over a lower limit go to sleep as others are touched.
 */
export function setLiveInstanceLimit(count: number): void {
  limit = Math.max(1, Math.floor(count));
}

/** A new id for a runtime's entry. */
export function liveInstanceId(): number {
  return nextId++;
}

/**
 * `sleeper` (entry `id`) is live and about to run: it becomes the most recently run, and the least recently run
 * others are put to sleep while more than the limit are live. One that cannot sleep now stays live (the count may
 * then exceed the limit until it can).
 */
export function touchLiveInstance(id: number, sleeper: Sleeper): void {
  const entry = live.get(id);
  live.delete(id);
  live.set(id, entry ?? new WeakRef(sleeper));
  sleepLeastRecent(limit, id);
}

/**
 * `new WebAssembly.Instance`; if V8 refuses to reserve another Wasm memory (a RangeError: other code in the process
 * holds memories too), puts half of the live runtimes to sleep, lowers the limit to what is left, and tries once
 * more (V8 collects garbage before it gives up on a reservation, so dropped instances free theirs).
 */
export function instantiateMakingRoom(module: WebAssembly.Module, imports: WebAssembly.Imports): WebAssembly.Instance {
  try {
    return new WebAssembly.Instance(module, imports);
  } catch (error) {
    if (!(error instanceof RangeError) || live.size === 0) throw error;
    sleepLeastRecent(Math.floor(live.size / 2), null);
    setLiveInstanceLimit(Math.min(limit, live.size + 1));
    return new WebAssembly.Instance(module, imports);
  }
}

/**
 * Puts the least recently run to sleep, passing over `awake` and those that cannot sleep now, until at most `count`
 * are live; entries whose runtime was collected go first.
 */
function sleepLeastRecent(count: number, awake: number | null): void {
  for (const [id, ref] of live) {
    if (live.size <= count) return;
    if (id === awake) continue;
    const runtime = ref.deref();
    if (runtime?.canSleep() === false) continue;
    live.delete(id);
    runtime?.sleep();
  }
}

/** `id` no longer holds an instance (it was put to sleep by its own decision, or is being discarded). */
export function forgetLiveInstance(id: number): void {
  live.delete(id);
}

/** Live runtimes counted now (some may have been collected since): for tests and benchmarks. */
export function liveInstanceCount(): number {
  return live.size;
}
