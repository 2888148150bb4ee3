/**
 * The app's engine: one worker client and the simulation store over it. If the worker dies (it never should:
 * canister code is contained), a new one is started and the workspace replayed, so nothing is lost.
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
    const current = client.current ?? new EngineClient();
    client.current = current;
    current.onCrash(async (message) => {
      const lastScenario = await current.api.scenario().catch(() => null);
      current.dispose();
      client.current = new EngineClient();
      engine.store.setState({ error: `The engine stopped (${message}); it was restarted and the workspace replayed.` });
      if (lastScenario) await engine.store.getState().load(lastScenario);
    });
    return () => { current.dispose(); client.current = null; };
  }, [engine]);

  return engine;
}
