/**
 * Noticing at once that the engine worker died, even in the middle of a long command. A busy worker cannot answer
 * a ping (it is computing rounds synchronously), and a dead one sends nothing, so pings alone cannot tell the two
 * apart while a command runs (a death during playback went unnoticed for minutes). A Web Lock can: the worker takes
 * a lock named after itself for its whole life, and the main thread queues a request for the same lock, which is
 * granted exactly when the worker's is released, that is when the worker's context is destroyed (terminated,
 * crashed, closed). Web Locks API, https://w3c.github.io/web-locks/ ("when an agent terminates, its locks are
 * released"). Where there is no lock manager (an insecure context, Node), both sides report that and the client
 * relies on pings only.
 */

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown> | unknown): Promise<unknown>;
  request(name: string, callback: () => Promise<unknown> | unknown): Promise<unknown>;
}

/** The lock manager of this context, or null. */
export function lockManager(): LockManagerLike | null {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

/**
 * Worker side: takes the lock `name` and never releases it. Resolves true once it is held (only then may the main
 * thread queue its request, or it would be granted first), false when there are no locks here.
 */
export function holdLifeLock(locks: LockManagerLike | null, name: string): Promise<boolean> {
  if (!locks) return Promise.resolve(false);
  return new Promise<boolean>((held) => {
    void locks.request(name, () => {
      held(true);
      return new Promise<never>(() => undefined);
    }).catch(() => held(false));
  });
}

/**
 * Main-thread side: calls `onReleased` when the lock `name`, held by the worker, is released (the worker is gone).
 * Returns the function that stops waiting (a worker disposed on purpose is not a death).
 */
export function awaitLifeLockRelease(locks: LockManagerLike, name: string, onReleased: () => void): () => void {
  const abort = new AbortController();
  locks.request(name, { signal: abort.signal }, () => {
    if (!abort.signal.aborted) onReleased();
  }).catch(() => undefined);
  return () => abort.abort();
}
