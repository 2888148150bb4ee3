/**
 * Where each event sits inside its round: the replica runs a round as iterations, each running what the one before
 * sent on the subnet (ic-reference.md §7.1; the trace's `iteration_started`). The timeline spreads a round's column
 * over its iterations and the graph can stop at the end of one, so a call, its execution, the reply and the
 * callback of one round are seen in the order they happened.
 */
import type { EventView } from '../../worker/protocol.ts';
import { keptScan } from './continueScan.ts';

export interface EventIterations {
  /** Per event: 0 before its round's first iteration, k during iteration k (and after the last, k = the last). */
  readonly iteration: readonly number[];
  /** Per event: whether it came after its round finished (a query, a step's submission before the next round). */
  readonly afterRound: readonly boolean[];
  /** Iterations `round` ran; 0 for a round that ran none. */
  count(round: number): number;
  /** The rounds from `from` to `to` that ran iterations, in order, with how many. */
  roundsBetween(from: number, to: number): { round: number; count: number }[];
}

/** Events that happen between iterations: what routing hands to a receiver for the next iteration. */
const BETWEEN_ITERATIONS: ReadonlySet<string> = new Set(['request_delivered', 'ingress_inducted']);

/** The scan of the longest trace asked about (`keptScan`); prefixes are read from it. */
interface IterationScan {
  events: readonly EventView[];
  readonly iteration: number[];
  readonly afterRound: boolean[];
  /** Iterations each round ran; rounds that ran none are absent. */
  readonly perRound: Map<number, number>;
  round: number;
  current: number;
  finished: boolean;
}

const answers = new WeakMap<readonly EventView[], EventIterations>();

const scanFor = keptScan<IterationScan>(
  (events) => ({ events, iteration: [], afterRound: [], perRound: new Map(), round: -1, current: 0, finished: false }),
  (scan, events, i) => {
    const e = events[i];
    if (e.round !== scan.round) {
      scan.round = e.round;
      scan.current = 0;
      scan.finished = false;
    }
    if (e.kind === 'iteration_started') {
      scan.current = Number(e.iteration);
      scan.perRound.set(scan.round, scan.current);
    }
    scan.iteration[i] = scan.current;
    scan.afterRound[i] = scan.finished;
    if (e.kind === 'round_finished') scan.finished = true;
  },
);

/**
 * The iterations of `events`. A longer trace than the last is read from where that one ended, a shorter one (the
 * playhead moved back) is answered from the longer one's scan: its last round may have run fewer iterations so far.
 */
export function eventIterations(events: readonly EventView[]): EventIterations {
  const known = answers.get(events);
  if (known) return known;
  const scan = scanFor(events);
  const end = events.length;
  const lastRound = end === 0 ? -1 : events[end - 1].round;
  const count = (round: number): number => {
    if (round > lastRound) return 0;
    if (round < lastRound) return scan.perRound.get(round) ?? 0;
    return scan.iteration[end - 1];
  };
  const result: EventIterations = {
    iteration: scan.iteration,
    afterRound: scan.afterRound,
    count,
    roundsBetween(from, to) {
      const rounds = Number.isFinite(from) && Number.isFinite(to) && to - from < scan.perRound.size
        ? Array.from({ length: Math.max(0, Math.min(to, lastRound) - Math.max(from, 0) + 1) }, (_, i) => Math.max(from, 0) + i)
        : [...scan.perRound.keys()].filter((r) => r >= from && r <= to && r <= lastRound);
      return rounds.flatMap((round) => (count(round) > 0 ? [{ round, count: count(round) }] : []));
    },
  };
  answers.set(events, result);
  return result;
}

/**
 * Where event `index` sits across its round, from 0 (the round's start) to 1 (its end): the middle of its
 * iteration's share, or the boundary after the iteration that sent it for a delivery; after the round finished, its
 * end. A round without iterations puts everything in its middle.
 */
export function positionInRound(iterations: EventIterations, events: readonly EventView[], index: number): number {
  const event = events[index];
  const count = iterations.count(event.round);
  if (count === 0) return 0.5;
  if (iterations.afterRound[index]) return 1;
  const k = iterations.iteration[index];
  if (BETWEEN_ITERATIONS.has(event.kind)) return k / count;
  if (k === 0) return 0;
  return (k - 0.5) / count;
}

/** The share of its round's column an event's iteration has: [start, end) as fractions; the whole round without. */
export function iterationShare(iterations: EventIterations, events: readonly EventView[], index: number): { start: number; end: number } {
  const count = iterations.count(events[index].round);
  const k = iterations.iteration[index];
  if (count === 0 || k === 0) return { start: 0, end: 1 };
  return { start: (k - 1) / count, end: k / count };
}
