/**
 * One Monaco editor kept for the next file opened. Selecting a canister opens its code in a new editor component
 * (its diagnostics and echoes are per file); creating a Monaco editor for each took most of a click's time on a long
 * run (issue 16, target 6: BENCHMARKS.md). An editor component that goes away parks its Monaco instance here,
 * without a model and out of the document; the next one takes it, gives it its own model and options, and puts its
 * element in its place. At most one is parked: a second is disposed.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export interface PooledEditor {
  readonly instance: Monaco.editor.IStandaloneCodeEditor;
  /** The element Monaco was created in, moved into each host that takes it. */
  readonly element: HTMLDivElement;
}

let parked: PooledEditor | null = null;

/** The parked editor, if any (it is then no longer parked). */
export function takeParkedEditor(): PooledEditor | null {
  const taken = parked;
  parked = null;
  return taken;
}

/** Parks an editor whose component is going away: its model is detached and its element taken out of the page. */
export function parkEditor(editor: PooledEditor): void {
  editor.instance.setModel(null);
  editor.element.remove();
  if (parked === null) parked = editor;
  else editor.instance.dispose();
}
