/**
 * What the page loads after its first graph, not before: the code editor (Monaco, 3.4 MB of JavaScript) and the WAT
 * compiler (wabt, 220 KB gzip). Parsed while the graph is still on its way, they compete with it for the two cores of
 * a classroom laptop (issue 16, target 7: the first graph within 1 s). `run` is called once the graph has been
 * drawn and the browser is then idle, or after FALLBACK_MS whatever happened (a page whose graph never comes: an
 * error, nothing to open, a browser without idle callbacks).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { viewStore } from '../../state/viewStore.ts';

const FALLBACK_MS = 4000;
const IDLE_TIMEOUT_MS = 2000;

/** Once that moment has passed (for anyone) it has passed for the page: what mounts later needs no wait. */
let passed = false;

/** Calls `run` once, after the first graph and idle time; returns a cancel function. */
export function afterFirstGraph(run: () => void): () => void {
  let started = false;
  let cancelIdle = () => undefined as void;
  const start = () => {
    if (started) return;
    started = true;
    unsubscribe();
    clearTimeout(fallback);
    cancelIdle = whenIdle(() => {
      passed = true;
      run();
    });
  };
  const unsubscribe = viewStore.subscribe((state) => state.graphShown && start());
  const fallback = setTimeout(start, FALLBACK_MS);
  if (viewStore.getState().graphShown) start();
  return () => {
    started = true;
    unsubscribe();
    clearTimeout(fallback);
    cancelIdle();
  };
}

/** False until `afterFirstGraph` would run; true at once in a component mounted after that. */
export function useAfterFirstGraph(): boolean {
  const [ready, setReady] = useState(passed);
  useEffect(() => (ready ? undefined : afterFirstGraph(() => setReady(true))), [ready]);
  return ready;
}

/**
 * Starts `load` after the first graph (registered now, so it starts whether or not anything is on screen yet) and
 * gives a hook for its value: null until it has come, then the value, the same for every component.
 */
export function loadAfterFirstGraph<T>(load: () => Promise<T>): () => T | null {
  let value: T | null = null;
  const listeners = new Set<() => void>();
  afterFirstGraph(() => void load().then((loaded) => {
    value = loaded;
    for (const listener of listeners) listener();
  }, () => undefined));
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return () => useSyncExternalStore(subscribe, () => value);
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 200);
  return () => clearTimeout(handle);
}
