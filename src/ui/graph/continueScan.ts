/**
 * The graph and the timeline keep what they derived from the events between renders: each round's events array
 * is the previous one plus the round's events (the store appends; arrays are never mutated), so a kept scan can
 * read only the new events. This says, for a new array, whether to resume the kept scan and whether to keep the
 * new one: an appended array resumes and replaces it; a prefix of it (scrubbing back) is scanned from the start
 * without giving the longer history up; anything else (a reset) starts over and replaces it.
 */
import type { EventView } from '../../worker/protocol.ts';

export interface ScanPlan {
  /** Index of the first event to read: the kept scan's length when resuming, otherwise 0. */
  readonly from: number;
  readonly resume: boolean;
  /** Whether the scan of `events` should replace the kept one. */
  readonly keep: boolean;
}

export function continueScan(kept: readonly EventView[] | null, events: readonly EventView[]): ScanPlan {
  const last = kept === null ? -1 : Math.min(kept.length, events.length) - 1;
  // Arrays share their event objects, so the first and last of the shorter one identify the common start.
  const related = kept !== null && last >= 0 && kept[0] === events[0] && kept[last] === events[last];
  const resume = related && events.length >= kept!.length;
  return { from: resume ? kept!.length : 0, resume, keep: !related || resume };
}

/** A scan of events kept by `keptScan`: the events it has read. */
export interface EventScan {
  events: readonly EventView[];
}

/**
 * A scan kept between calls, brought up to the events asked about (`continueScan`): an appended array is read from
 * where the kept one ended, a prefix of it is answered by the kept scan as it is (the caller leaves out what came
 * after the prefix), anything else starts a new scan. `read` reads one event into the scan.
 */
export function keptScan<S extends EventScan>(start: (events: readonly EventView[]) => S, read: (scan: S, events: readonly EventView[], index: number) => void): (events: readonly EventView[]) => S {
  let kept: S | null = null;
  return (events) => {
    const plan = continueScan(kept?.events ?? null, events);
    if (kept && !plan.keep) return kept;
    const scan = plan.resume ? kept! : start(events);
    for (let index = plan.from; index < events.length; index++) read(scan, events, index);
    scan.events = events;
    kept = scan;
    return scan;
  };
}
