/**
 * Playback along the recorded script: Step one round (→), back one round (←), run/pause at a speed (space), play
 * to the end (i), rewind to round 0 (r), a slider that stops at every round of the script, and the events inside
 * the round one at a time (, and .), so two things that happen in one round are two moments, or an iteration of
 * the round at a time ([ and ]: a call, its execution, the reply and the callback can all run in one round,
 * ic-reference.md §7.1). Behind the end
 * these replay what was recorded; at the end, Step and Run record new rounds. Nothing here changes the script.
 */
import { useEffect, useState } from 'react';
import type { SimulationStore } from '../../state/simulationStore.ts';
import { iterationAt, roundEventCount, useSimulation } from '../../state/simulationStore.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { isTextEntry } from './isTextEntry.ts';
import { widgetOwnsKey } from './widgetOwnsKey.ts';

const SPEEDS = [1, 2, 5, 10, 30] as const;

export interface PlaybackControlsProps {
  readonly store: SimulationStore;
}

export function PlaybackControls({ store }: PlaybackControlsProps) {
  const round = useSimulation(store, (s) => s.playhead.round);
  const end = useSimulation(store, (s) => s.playhead.end);
  const atEnd = useSimulation(store, (s) => s.playhead.atEnd);
  const busy = useSimulation(store, (s) => s.busy);
  const moment = useSimulation(store, (s) => s.moment);
  const roundEvents = useSimulation(store, (s) => roundEventCount(s.events, s.playhead.round));
  const momentEvent = useSimulation(store, (s) => (s.moment === null || s.moment === 0 ? null : s.events[s.events.length - roundEventCount(s.events, s.playhead.round) + s.moment - 1]));
  const iterations = useSimulation(store, (s) => iterationAt(s.events, s.playhead.round, s.moment).iterations);
  const iteration = useSimulation(store, (s) => iterationAt(s.events, s.playhead.round, s.moment).iteration);
  const playing = useSimulation(store, (s) => s.playing);
  const setPlaying = (next: boolean | ((p: boolean) => boolean)) => {
    const s = store.getState();
    s.setPlaying(typeof next === 'function' ? next(s.playing) : next);
  };
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(2);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      // A step that fails (its error is in the banner) stops playback: stepping on would only repeat the failure.
      if (!store.getState().busy) void store.getState().step().then((ok) => { if (!ok) store.getState().setPlaying(false); });
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, store]);

  const rewind = () => void store.getState().seek(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextEntry(target) || target?.closest('dialog')) return;
      // Space on a focused button presses it, an arrow on a tab moves to the next one, as keyboard users expect:
      // the shortcut acts only where the focused widget does not use the key.
      if (event.defaultPrevented || widgetOwnsKey(target, event.key)) return;
      const s = store.getState();
      if (event.key === 'ArrowRight') void s.step();
      else if (event.key === 'ArrowLeft') void s.seek(Math.max(0, s.playhead.round - 1));
      else if (event.key === ' ') setPlaying((p) => !p);
      else if (event.key === 'i') void s.runUntilIdle();
      else if (event.key === 'r') void s.seek(0);
      else if (event.key === ',') s.moveMoment(-1);
      else if (event.key === '.') s.moveMoment(1);
      else if (event.key === '[') s.moveIteration(-1);
      else if (event.key === ']') s.moveIteration(1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <button onClick={rewind} disabled={busy || round === 0} title="Back to round 0; the script is kept (r)">⟲ Reset</button>
      <button onClick={() => void store.getState().seek(round - 1)} disabled={busy || round === 0} title="One round back (←)">◂ Back</button>
      <button onClick={() => void store.getState().step()} disabled={busy}
        title={atEnd ? 'Run one new round (→)' : 'Play the next recorded round (→)'}>Step ▸</button>
      <button onClick={() => setPlaying(!playing)} title="Run / pause (space)" aria-pressed={playing}>{playing ? 'Pause ❚❚' : 'Run ▶'}</button>
      <label className="speed">
        speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} rounds/s</option>)}
        </select>
      </label>
      <button onClick={() => void store.getState().runUntilIdle()} disabled={busy}
        title={atEnd ? 'Run until nothing is queued or in flight (i)' : 'Play to the end of the script (i)'}>{atEnd ? "Until idle" : "To the end ▸▸"}</button>
      <span className="moments" role="group" aria-label="Inside the round">
        {iterations > 1 && (
          <button onClick={() => store.getState().moveIteration(-1)} disabled={busy || iteration === 0}
            title="To the end of the iteration before, inside this round ([)">‹ iteration</button>
        )}
        <button onClick={() => store.getState().moveMoment(-1)} disabled={busy || roundEvents === 0 || moment === 0}
          title="One event back inside this round (,)">‹ event</button>
        <output data-testid="moment" aria-live="polite">
          {momentText(moment, roundEvents, momentEvent?.kind ?? null, iteration, iterations)}
        </output>
        <button onClick={() => store.getState().moveMoment(1)} disabled={busy || moment === null}
          title="One event forward inside this round (.)">event ›</button>
        {iterations > 1 && (
          <button onClick={() => store.getState().moveIteration(1)} disabled={busy || moment === null}
            title="To the end of the next iteration, inside this round (])">iteration ›</button>
        )}
      </span>
      <label className="scrubber">
        round <output data-testid="round">{round}</output>
        <input
          type="range" min={0} max={Math.max(end, round)} value={round}
          onChange={(e) => void store.getState().seek(Number(e.target.value))}
          aria-label="Scrub to round" aria-valuetext={`round ${round} of ${end}`}
        />
        <span className="muted" data-testid="end-round">/ {end}</span>
      </label>
      <ShortcutHelp />
    </div>
  );
}

/** Where inside the round the view is: every event, or an event of an iteration ("iteration 2 of 3 · event 7 of 15"). */
function momentText(moment: number | null, events: number, kind: string | null, iteration: number, iterations: number): string {
  const iterationText = iterations > 1 ? (iteration === 0 ? 'before the first iteration · ' : `iteration ${iteration} of ${iterations} · `) : '';
  if (moment === null) return `all ${events} events${iterations > 1 ? ` · ${iterations} iterations` : ''}`;
  return `${iterationText}event ${moment} of ${events}${kind ? `: ${kind.replace(/_/g, ' ')}` : ''}`;
}
