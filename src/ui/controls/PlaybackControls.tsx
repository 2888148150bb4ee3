/**
 * Playback: step one round, run/pause at a speed, run until idle, scrub back to any earlier round (the worker
 * replays the scenario), reset. Keyboard: → step, ← back, space run/pause, i until idle, r reset.
 */
import { useEffect, useRef, useState } from 'react';
import type { SimulationStore } from '../../state/simulationStore.ts';
import { useSimulation } from '../../state/simulationStore.ts';

const SPEEDS = [1, 2, 5, 10, 30] as const;

export interface PlaybackControlsProps {
  readonly store: SimulationStore;
  readonly onReset: () => void;
}

export function PlaybackControls({ store, onReset }: PlaybackControlsProps) {
  const round = useSimulation(store, (s) => s.view?.round ?? 0);
  const maxRound = useSimulation(store, (s) => s.maxRound);
  const busy = useSimulation(store, (s) => s.busy);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(2);
  const playingRef = useRef(playing);
  playingRef.current = playing;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (!store.getState().busy) void store.getState().step();
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor'))) return;
      const s = store.getState();
      if (event.key === 'ArrowRight') void s.step();
      else if (event.key === 'ArrowLeft') void s.seek(Math.max(0, (s.view?.round ?? 0) - 1));
      else if (event.key === ' ') setPlaying((p) => !p);
      else if (event.key === 'i') void s.runUntilIdle();
      else if (event.key === 'r') onReset();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onReset]);

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <button onClick={() => void store.getState().step()} disabled={busy} title="Step one round (→)">Step ▸</button>
      <button onClick={() => setPlaying(!playing)} title="Run / pause (space)" aria-pressed={playing}>{playing ? 'Pause ❚❚' : 'Run ▶'}</button>
      <label className="speed">
        speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} rounds/s</option>)}
        </select>
      </label>
      <button onClick={() => void store.getState().runUntilIdle()} disabled={busy} title="Run until idle (i)">Until idle</button>
      <button onClick={onReset} title="Reset to the start (r)">Reset ⟲</button>
      <label className="scrubber">
        round <output data-testid="round">{round}</output>
        <input
          type="range" min={0} max={Math.max(maxRound, round)} value={round}
          onChange={(e) => void store.getState().seek(Number(e.target.value))}
          aria-label="Scrub to round"
        />
      </label>
    </div>
  );
}
