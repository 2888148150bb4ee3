/**
 * The app's engine: one worker client and the simulation store over it. If the worker dies (it never should:
 * canister code is contained), a new one is started and the workspace replayed from the main thread's copy, so
 * nothing is lost; only a command that was running when it died is not applied, and the banner says so.
 */
import { useEffect, useMemo, useRef } from 'react';
import { EngineClient } from '../../worker/client.ts';
import { createSimulationStore, type SimulationStore } from '../../state/simulationStore.ts';
import type { EngineApi } from '../../worker/protocol.ts';
import type { Remote } from 'comlink';

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
    return { store: createSimulationStore(api), api };
  }, []);

  useEffect(() => {
    let disposed = false;
    const restarts: number[] = [];
    const watch = (current: EngineClient) => {
      current.onCrash(async (message) => {
        current.dispose();
        if (disposed) return;
        // A worker that cannot even start (its script fails to load) would die again at once: give up after a few.
        const now = performance.now();
        restarts.push(now);
        if (restarts.filter((t) => now - t < RESTART_WINDOW_MS).length > MAX_RESTARTS) {
          engine.store.setState({ error: `The engine stopped (${message}) and keeps stopping; reload the page. Your workspace is saved.` });
          return;
        }
        const replacement = new EngineClient();
        client.current = replacement;
        watch(replacement);
        // The command that was running fails first (the store's queue moves on), then the workspace is replayed.
        const { scenario: workspace, playhead } = engine.store.getState();
        const replayed = workspace ? await engine.store.getState().load(workspace, playhead.round) : false;
        engine.store.setState({
          error: replayed
            ? `The engine stopped (${message}); it was restarted and the workspace replayed.`
            : `The engine stopped (${message}) and was restarted; the workspace could not be replayed.`,
        });
      });
    };
    const current = client.current ?? new EngineClient();
    client.current = current;
    watch(current);
    return () => { disposed = true; client.current?.dispose(); client.current = null; };
  }, [engine]);

  return engine;
}
