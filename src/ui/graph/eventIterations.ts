/**
 * Where each event sits inside its round: the replica runs a round as iterations, each running what the one before
 * sent on the subnet (ic-reference.md §7.1; the trace's `iteration_started`). The timeline spreads a round's column
 * over its iterations and the graph can stop at the end of one, so a call, its execution, the reply and the
 * callback of one round are seen in the order they happened.
 */
import type { EventView } from '../../worker/protocol.ts';

export interface EventIterations {
  /** Per event: 0 before its round's first iteration, k during iteration k (and after the last, k = the last). */
  readonly iteration: readonly number[];
  /** Per event: whether it came after its round finished (a query, a step's submission before the next round). */
  readonly afterRound: readonly boolean[];
  /** Iterations each round ran; rounds that ran none are absent. */
  readonly perRound: ReadonlyMap<number, number>;
}

/** Events that happen between iterations: what routing hands to a receiver for the next iteration. */
const BETWEEN_ITERATIONS: ReadonlySet<string> = new Set(['request_delivered', 'ingress_inducted']);

const computed = new WeakMap<readonly EventView[], EventIterations>();

export function eventIterations(events: readonly EventView[]): EventIterations {
  const known = computed.get(events);
  if (known) return known;
  const iteration: number[] = new Array(events.length);
  const afterRound: boolean[] = new Array(events.length);
  const perRound = new Map<number, number>();
  let round = -1;
  let current = 0;
  let finished = false;
  events.forEach((e, i) => {
    if (e.round !== round) {
      round = e.round;
      current = 0;
      finished = false;
    }
    if (e.kind === 'iteration_started') {
      current = Number(e.iteration);
      perRound.set(round, current);
    }
    iteration[i] = current;
    afterRound[i] = finished;
    if (e.kind === 'round_finished') finished = true;
  });
  const result = { iteration, afterRound, perRound };
  computed.set(events, result);
  return result;
}

/**
 * Where event `index` sits across its round, from 0 (the round's start) to 1 (its end): the middle of its
 * iteration's share, or the boundary after the iteration that sent it for a delivery; after the round finished, its
 * end. A round without iterations puts everything in its middle.
 */
export function positionInRound(iterations: EventIterations, events: readonly EventView[], index: number): number {
  const event = events[index];
  const count = iterations.perRound.get(event.round) ?? 0;
  if (count === 0) return 0.5;
  if (iterations.afterRound[index]) return 1;
  const k = iterations.iteration[index];
  if (BETWEEN_ITERATIONS.has(event.kind)) return k / count;
  if (k === 0) return 0;
  return (k - 0.5) / count;
}

/** The share of its round's column an event's iteration has: [start, end) as fractions; the whole round without. */
export function iterationShare(iterations: EventIterations, events: readonly EventView[], index: number): { start: number; end: number } {
  const count = iterations.perRound.get(events[index].round) ?? 0;
  const k = iterations.iteration[index];
  if (count === 0 || k === 0) return { start: 0, end: 1 };
  return { start: (k - 1) / count, end: k / count };
}
