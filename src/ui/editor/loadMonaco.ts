/**
 * Loads Monaco on first use. The dynamic import is what keeps Monaco out of the main bundle: nothing else may
 * import monacoSetup.ts (or monaco-editor) at runtime — type-only imports are fine.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | undefined;

/** Idempotent: every editor on the page shares one load. A failed load (e.g. offline) is retried next time. */
export function loadMonaco(): Promise<MonacoApi> {
  loading ??= import('./monacoSetup.ts').then(
    (module) => module.monaco,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
