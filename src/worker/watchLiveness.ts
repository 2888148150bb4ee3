/**
 * Noticing a dead engine worker. A worker that dies (out of memory, or a bug that closes it) sends no event the
 * main thread can rely on: its pending calls simply never answer. So the client pings it whenever no command is
 * running, and a ping left unanswered means the worker is gone. While a command runs the worker cannot answer
 * (it is computing rounds), so a running command gets a much longer allowance before the worker is given up.
 */
export interface LivenessOptions {
  /** Asks the worker to answer; resolves when it does. */
  ping(): Promise<unknown>;
  /** Since when a command has been running, or null when the worker should be idle. */
  busySince(): number | null;
  /** Called once, with the reason, when the worker is judged dead. */
  onDead(reason: string): void;
  now(): number;
  intervalMs?: number;
  pingTimeoutMs?: number;
  busyLimitMs?: number;
}

export const LIVENESS_DEFAULTS = { intervalMs: 2_000, pingTimeoutMs: 4_000, busyLimitMs: 180_000 } as const;

/** Starts watching; returns the function that stops it. */
export function watchLiveness(options: LivenessOptions): () => void {
  const { intervalMs, pingTimeoutMs, busyLimitMs } = { ...LIVENESS_DEFAULTS, ...options };
  let stopped = false;
  let checking = false;
  const dead = (reason: string) => {
    if (stopped) return;
    stop();
    options.onDead(reason);
  };
  const check = async () => {
    if (checking || stopped) return;
    const busySince = options.busySince();
    if (busySince !== null) {
      if (options.now() - busySince > busyLimitMs) dead(`a command ran for more than ${busyLimitMs / 1000} s without answering`);
      return;
    }
    checking = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      options.ping().then(() => true, () => false),
      new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), pingTimeoutMs); }),
    ]);
    clearTimeout(timer);
    checking = false;
    // A command that started while the ping was out explains the silence.
    if (!answered && options.busySince() === null) dead('the engine worker stopped answering');
  };
  const interval = setInterval(() => void check(), intervalMs);
  function stop() {
    stopped = true;
    clearInterval(interval);
  }
  return stop;
}
