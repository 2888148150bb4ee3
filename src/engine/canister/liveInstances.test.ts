import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LIVE_INSTANCES, forgetLiveInstance, instantiateMakingRoom, liveInstanceCount, liveInstanceId, setLiveInstanceLimit,
  touchLiveInstance, type Sleeper,
} from './liveInstances.ts';

/** Fake runtimes that record when they are put to sleep; those in `refusing` cannot sleep (as inside a transaction). */
function sleepers(count: number, log: string[], refusing: ReadonlySet<number> = new Set()) {
  return Array.from({ length: count }, (_, i) => {
    const id = liveInstanceId();
    const sleeper: Sleeper = {
      canSleep: () => !refusing.has(i),
      sleep: () => { log.push(`r${i}`); forgetLiveInstance(id); },
    };
    return { id, touch: () => touchLiveInstance(id, sleeper) };
  });
}

describe('[engine/liveInstances] the least recently run go to sleep first', () => {
  afterEach(() => {
    setLiveInstanceLimit(DEFAULT_LIVE_INSTANCES);
  });

  it.each<[string, number, number[], number[], string[]]>([
    ['under the limit nothing sleeps', 3, [0, 1, 2], [], []],
    ['over it, the least recently run sleeps', 2, [0, 1, 2], [], ['r0']],
    ['a touch makes a runtime the most recent', 2, [0, 1, 0, 2], [], ['r1']],
    ['one that cannot sleep is passed over', 2, [0, 1, 2], [0], ['r1']],
    ['a limit of 1: every other runtime sleeps in turn', 1, [0, 1, 2, 0], [], ['r0', 'r1', 'r2']],
    ['none can sleep: all stay live over the limit', 1, [0, 1, 2], [0, 1, 2], []],
  ])('%s', (_, limit, order, refusing, slept) => {
    setLiveInstanceLimit(limit);
    const log: string[] = [];
    const runtimes = sleepers(3, log, new Set(refusing));
    for (const i of order) runtimes[i].touch();
    expect(log).toEqual(slept);
    for (const runtime of runtimes) forgetLiveInstance(runtime.id);
    expect(liveInstanceCount()).toBe(0);
  });
});

describe('[engine/liveInstances] when V8 refuses another Wasm memory', () => {
  afterEach(() => {
    setLiveInstanceLimit(DEFAULT_LIVE_INSTANCES);
    vi.restoreAllMocks();
  });

  const EMPTY_MODULE = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));

  it('puts half the live runtimes to sleep, least recently run first, and tries once more', () => {
    const log: string[] = [];
    setLiveInstanceLimit(10); // all four live until V8 refuses
    const runtimes = sleepers(4, log);
    for (const runtime of runtimes) runtime.touch();
    // A function, not an arrow: `new` calls it.
    const Real = WebAssembly.Instance;
    const made = new Real(EMPTY_MODULE, {});
    const instance = vi.spyOn(WebAssembly, 'Instance').mockImplementationOnce(function refuse() {
      throw new RangeError('WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance');
    }).mockImplementationOnce(function accept() { return made; });
    expect(instantiateMakingRoom(EMPTY_MODULE, {})).toBe(made);
    expect(instance).toHaveBeenCalledTimes(2);
    expect(log).toEqual(['r0', 'r1']);
    expect(liveInstanceCount()).toBe(2);
    for (const runtime of runtimes) forgetLiveInstance(runtime.id);
  });

  it('another error is not retried', () => {
    const log: string[] = [];
    setLiveInstanceLimit(10);
    const runtimes = sleepers(2, log);
    for (const runtime of runtimes) runtime.touch();
    vi.spyOn(WebAssembly, 'Instance').mockImplementationOnce(function refuse() { throw new TypeError('WebAssembly.Instance(): Import #0 "ic0": module is not an object'); });
    expect(() => instantiateMakingRoom(EMPTY_MODULE, {})).toThrow(/Import #0/);
    expect(log).toEqual([]);
    for (const runtime of runtimes) forgetLiveInstance(runtime.id);
  });
});
