/**
 * The views answer any playhead from what they derived for the longest trace they were given (`continueScan`): a
 * prefix costs what the rounds in view hold. The first time a longer trace is shown, though, it is read in full, in
 * one task: opening a long link at round 0 and dragging the slider to its end took 70–150 ms in one go (issue 16,
 * target 1). So while the page is idle, the whole recorded trace is fed to them ahead of time, a slice at a time:
 * each slice extends the one before, which they resume from where they stopped.
 */
import { useEffect, useRef } from 'react';
import type { EventView } from '../../worker/protocol.ts';
import { messageParties } from '../graph/messageFlights.ts';
import { eventIterations } from '../graph/eventIterations.ts';
import { executionsInRounds } from '../timeline/executionsInRounds.ts';
import { trailIndex } from '../calls/callTrail.ts';
import { continueScan } from '../graph/continueScan.ts';

/** Events read per idle callback: a few milliseconds of work. */
const SLICE = 8_000;

function warm(events: readonly EventView[]): void {
  messageParties(events);
  eventIterations(events);
  executionsInRounds(events, 0, -1);
  trailIndex(events);
}

export function useWarmDerivations(recorded: readonly EventView[]): void {
  // How far the trace before this one was read: a trace that extends it (a step recorded) goes on from there.
  const progress = useRef<{ events: readonly EventView[]; read: number }>({ events: [], read: 0 });
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return undefined;
    const before = progress.current;
    const state = { events: recorded, read: continueScan(before.events, recorded).resume ? before.read : 0 };
    progress.current = state;
    let handle = 0;
    const next = () => {
      state.read = Math.min(recorded.length, state.read + SLICE);
      warm(state.read === recorded.length ? recorded : recorded.slice(0, state.read));
      if (state.read < recorded.length) handle = requestIdleCallback(next);
    };
    // A short trace costs little to read when shown: only a long stretch not read yet is read ahead.
    if (recorded.length - state.read > SLICE) handle = requestIdleCallback(next);
    return () => cancelIdleCallback(handle);
  }, [recorded]);
}
