/**
 * The runner's progress on a long run (issue 15): rounds done and executions per second, on standard error and
 * only when it is a terminal (a log file or a pipe gets nothing), rewritten in place at most every
 * `PROGRESS_INTERVAL_MS` and cleared when the run ends. Standard output carries the report alone.
 * It reads the wall clock to pace itself and to say a rate; nothing it reads goes into the run.
 */
import type { Subnet } from '../engine/index.ts';

export const PROGRESS_INTERVAL_MS = 250;

export interface RunProgress {
  /** After every round (`RunOptions.onRound`). */
  readonly onRound: (subnet: Subnet) => void;
  /** Clears the line, if one was written. */
  readonly done: () => void;
}

export function runProgress(write: (text: string) => void, now: () => number): RunProgress {
  const started = now();
  let shownAt = started;
  let shown = false;
  return {
    onRound: (subnet) => {
      const at = now();
      if (at - shownAt < PROGRESS_INTERVAL_MS) return;
      shownAt = at;
      shown = true;
      write(`\r\x1b[K${progressLine(subnet.state.round, subnet.state.totals.executions, at - started)}`);
    },
    done: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}

/** `round 1,200 · 3,456 executions · 1,728 executions/s`. */
export function progressLine(round: number, executions: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((executions * 1000) / elapsedMs) : 0;
  return `round ${round.toLocaleString('en-US')} · ${executions.toLocaleString('en-US')} executions · ${rate.toLocaleString('en-US')} executions/s`;
}
