/**
 * Autosave without a cost per round: while a scenario plays, the workspace changes 30 times a second, and
 * serialising it and writing IndexedDB each time made long main-thread tasks. Changes are coalesced: the latest
 * workspace is written when the browser is next idle (at the latest after `maxDelayMs`), and at once when the
 * page is hidden or left, so a reload still finds the last state.
 */
export interface Autosave<T> {
  /** Remembers `value` as the one to write next. */
  schedule(value: T): void;
  /** Writes the pending value now, if any. */
  flush(): void;
}

/**
 * Made once per page (the app's lifetime): its hide and leave listeners stay for as long, so an unmount and remount
 * (React's StrictMode does one in development) keeps them.
 */
export function createAutosave<T>(write: (value: T) => void, maxDelayMs = 1_000): Autosave<T> {
  let pending: { value: T } | null = null;
  let handle: number | null = null;
  const idle = typeof requestIdleCallback === 'function';
  const flush = () => {
    if (handle !== null) (idle ? cancelIdleCallback : clearTimeout)(handle);
    handle = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    write(value);
  };
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
    window.addEventListener('pagehide', flush);
  }
  return {
    schedule(value) {
      pending = { value };
      if (handle !== null) return;
      handle = idle ? requestIdleCallback(flush, { timeout: maxDelayMs }) : (setTimeout(flush, 0) as unknown as number);
    },
    flush,
  };
}
