/**
 * The main thread's handle on the engine worker: spawns it, wraps it with Comlink and watches that it lives. A
 * class because it owns a worker with a lifetime (`dispose`).
 *
 * A worker can die without a word (its pending calls just never answer), so every call made through `api`
 * fails with "the engine stopped" as soon as the worker is found dead, instead of hanging the UI's command
 * queue; `onCrash` tells the app, which starts a new worker and replays the workspace. Death is noticed two ways:
 * the worker's life lock is released (`lifeLock.ts`: at once, whatever the worker was doing, mid-step or
 * mid-playback included), and, as a backup where there are no Web Locks or for a worker alive but stuck, pings
 * while it is idle and a limit on how long a command may run (`watchLiveness.ts`).
 */
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol.ts';
import { motokoClient } from './motokoClient.ts';
import { watchLiveness } from './watchLiveness.ts';
import { awaitLifeLockRelease, lockManager } from './lifeLock.ts';

/**
 * Commands that may compute for a long time (rounds, replays; one new round can take seconds). While one runs, the
 * worker cannot answer pings; every other call is quick, so while only those are in flight an unanswered ping
 * still means a dead worker.
 */
const LONG_COMMANDS: ReadonlySet<string> = new Set<keyof EngineApi>(['load', 'apply', 'step', 'runUntilIdle', 'runUntilCheckFails', 'checkExercise', 'seek', 'undoFork']);

/** Why a worker whose life lock was released is gone: it was terminated, crashed, or ran out of memory. */
export const WORKER_GONE = 'the engine worker was terminated (it crashed or ran out of memory)';

/** Why a worker ended by `stop` is gone. */
export const STOPPED_BY_USER = 'you stopped it';

export class EngineClient {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<EngineApi>;
  /** The engine API; a call fails once the worker is dead. */
  readonly api: Comlink.Remote<EngineApi>;
  private readonly crashHandlers: ((message: string, interrupted: readonly string[], stopped: boolean) => void)[] = [];
  private deathReason: string | null = null;
  /** Every call in flight: failed at once if the worker dies; the long ones' start times feed the liveness check. */
  private readonly pending = new Set<{ readonly name: string; readonly since: number; readonly long: boolean; readonly reject: (reason: Error) => void }>();
  private readonly stopWatching: () => void;
  private stopLockWait: () => void = () => undefined;
  private disposed = false;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    this.remote = Comlink.wrap<EngineApi>(this.worker);
    // The engine compiles Motoko through the main thread's Motoko worker, which starts when first asked.
    void this.remote.useMotokoCompiler(Comlink.proxy(motokoClient()));
    this.api = new Proxy({} as Comlink.Remote<EngineApi>, {
      // `then` must stay undefined: the api object itself is not a promise.
      get: (_, name) => typeof name === 'string' && name !== 'then'
        ? (...args: unknown[]) => this.guard(name, () => (this.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name](...args))
        : undefined,
    });
    // An uncaught error leaves the engine in an unknown state: treat it as a death.
    this.worker.addEventListener('error', (event) => this.die(event.message || 'the engine worker stopped'));
    this.stopWatching = watchLiveness({
      ping: () => this.remote.ping(),
      busySince: () => {
        let oldest: number | null = null;
        for (const call of this.pending) if (call.long) oldest = oldest === null ? call.since : Math.min(oldest, call.since);
        return oldest;
      },
      onDead: (reason) => this.die(reason),
      now: () => performance.now(),
    });
    const locks = lockManager();
    const lockName = `canister-playground-engine-${typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`}`;
    if (locks) {
      void this.remote.holdLifeLock(lockName).then((held) => {
        if (held && !this.disposed && this.deathReason === null) this.stopLockWait = awaitLifeLockRelease(locks, lockName, () => this.die(WORKER_GONE));
      }, () => undefined);
    }
  }

  /**
   * Called once if the worker dies, with why and the commands it was running (their calls fail); `stopped` when
   * `stop` ended it.
   */
  onCrash(handler: (message: string, interrupted: readonly string[], stopped: boolean) => void): void {
    this.crashHandlers.push(handler);
  }

  dispose(): void {
    this.disposed = true;
    this.stopLockWait();
    this.stopWatching();
    this.remote[Comlink.releaseProxy]();
    this.worker.terminate();
  }

  /**
   * Ends the worker abruptly, as a crash would, without telling this client: what follows (the death noticed, a new
   * worker, the workspace replayed) is what a real crash gets. The e2e tests reach it through the page
   * (`useEngine.ts`); in a user's hands it only costs the command that was running.
   */
  terminateAbruptly(): void {
    this.worker.terminate();
  }

  /**
   * Ends the worker at once because the user asked: a command computing a long execution cannot be interrupted
   * inside the worker (it runs to the end of its rounds), so the worker goes and the crash handlers start another.
   */
  stop(): void {
    if (this.deathReason !== null || this.disposed) return;
    this.worker.terminate();
    this.die(STOPPED_BY_USER, true);
  }

  private guard<T>(name: string, call: () => Promise<T>): Promise<T> {
    if (this.deathReason !== null) return Promise.reject(new Error(this.deathReason));
    return new Promise<T>((resolve, reject) => {
      const entry = { name, since: performance.now(), long: LONG_COMMANDS.has(name), reject };
      this.pending.add(entry);
      call().then(resolve, reject).finally(() => this.pending.delete(entry));
    });
  }

  private die(reason: string, stopped = false): void {
    if (this.deathReason !== null || this.disposed) return;
    this.deathReason = reason;
    this.stopWatching?.();
    this.stopLockWait();
    const interrupted = [...this.pending].map((call) => call.name);
    for (const call of this.pending) call.reject(new Error(reason));
    this.pending.clear();
    for (const handler of this.crashHandlers) handler(reason, interrupted, stopped);
  }
}
