/**
 * The app's engine: one worker client and the simulation store over it. If the worker dies (it never should:
 * canister code is contained), whatever it was doing (idle, a step, playback, a seek), playback stops, a new one is
 * started and the workspace replayed from the main thread's copy with the playhead where it was (or at round 0 if
 * that fails), so nothing is lost; only a command that was running when it died is not applied, and the banner
 * says so in words (`engineCrashMessage.ts`).
 *
 * `window.canisterPlayground.terminateEngineWorker()` ends the worker abruptly, as a crash would: the e2e tests use
 * it to check the recovery; in a user's hands it costs only the command that was running.
 */
import { useEffect, useMemo, useRef } from 'react';
import { EngineClient } from '../../worker/client.ts';
import { createSimulationStore, type SimulationStore } from '../../state/simulationStore.ts';
import type { EngineApi } from '../../worker/protocol.ts';
import type { Remote } from 'comlink';
import { engineCrashMessage } from './engineCrashMessage.ts';

export interface Engine {
  readonly store: SimulationStore;
  api(): Remote<EngineApi>;
}

/** More restarts than this within the window means the worker cannot run here at all. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/** Started when this module loads, before React renders, so the worker (and its Wasm tools) load in parallel. */
let earlyClient: EngineClient | null = typeof Worker === 'undefined' ? null : new EngineClient();

export function useEngine(): Engine {
  const client = useRef<EngineClient | null>(earlyClient);
  earlyClient = null;
  const engine = useMemo<Engine>(() => {
    const api = () => {
      if (!client.current) client.current = new EngineClient();
      return client.current.api;
    };
    return { store: createSimulationStore(api, () => client.current?.stop()), api };
  }, []);

  useEffect(() => {
    let disposed = false;
    const restarts: number[] = [];
    const watch = (current: EngineClient) => {
      current.onCrash(async (message, interrupted, stopped) => {
        current.dispose();
        if (disposed) return;
        const { scenario: workspace, playhead, playing } = engine.store.getState();
        engine.store.getState().setPlaying(false);
        // A worker that cannot even start (its script fails to load) would die again at once: give up after a few.
        // A stop asked for by the user is no sign of that.
        const now = performance.now();
        if (!stopped) restarts.push(now);
        if (restarts.filter((t) => now - t < RESTART_WINDOW_MS).length > MAX_RESTARTS) {
          engine.store.setState({ error: `The engine stopped (${message}) and keeps stopping; reload the page. Your workspace is saved.` });
          return;
        }
        const replacement = new EngineClient();
        client.current = replacement;
        watch(replacement);
        // The command that was running fails first (the store's queue moves on), then the workspace is replayed, with
        // the playhead where it was, else at round 0.
        let round: number | null = null;
        if (workspace && (await engine.store.getState().load(workspace, playhead.round))) round = playhead.round;
        else if (workspace && playhead.round > 0 && (await engine.store.getState().load(workspace, 0))) round = 0;
        const replayError = round === null ? engine.store.getState().error : null;
        engine.store.setState({
          error: engineCrashMessage({
            reason: message, playing, interrupted, steps: workspace ? workspace.steps.length : null,
            round, roundBefore: playhead.round, replayError, stopped,
          }),
        });
      });
    };
    const current = client.current ?? new EngineClient();
    client.current = current;
    watch(current);
    const page = window as unknown as { canisterPlayground?: { terminateEngineWorker(): void } };
    page.canisterPlayground = { ...page.canisterPlayground, terminateEngineWorker: () => client.current?.terminateAbruptly() };
    return () => { disposed = true; client.current?.dispose(); client.current = null; };
  }, [engine]);

  return engine;
}
