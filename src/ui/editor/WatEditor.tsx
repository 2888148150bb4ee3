/**
 * The code editor: Monaco with the WAT language (completion, hover) or Motoko, and compiler diagnostics as markers.
 *
 * A controlled component: `value` is the text, `onChange` reports every edit, and the parent decides when to
 * compile (nothing is debounced here). Monaco is loaded lazily on mount; until it arrives (or if it never does) a
 * plain textarea edits the same `value`, so nothing typed meanwhile is lost and the editor takes over the caret.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { toMarkers, type EditorDiagnostic } from './diagnosticMarkers.ts';
import { loadMonaco, type MonacoApi } from './loadMonaco.ts';
import { minimalEdit } from './minimalEdit.ts';
import { ValueEchoes } from './valueEchoes.ts';
import { WAT_LANGUAGE_ID } from './watLanguage.ts';
import { focusOutside } from './focusOutside.ts';
import { parkEditor, takeParkedEditor, type PooledEditor } from './editorPool.ts';
import type { SourceLanguage } from './sourceLanguage.ts';

export interface WatEditorProps {
  readonly value: string;
  onChange(value: string): void;
  /** 1-based positions, as compileWat reports them. */
  readonly diagnostics: readonly EditorDiagnostic[];
  readonly readOnly?: boolean;
  readonly fontSize?: number;
  /** The text's language: WAT (with its completion and hover) or Motoko (highlighting and snippets). */
  readonly language?: SourceLanguage;
}

type CodeEditor = Monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'wat-compiler';
const DEFAULT_FONT_SIZE = 14;
const MONOSPACE = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

const LANGUAGE_IDS: Readonly<Record<SourceLanguage, string>> = { wat: WAT_LANGUAGE_ID, motoko: 'motoko' };

export function WatEditor({ value, onChange, diagnostics, readOnly = false, fontSize = DEFAULT_FONT_SIZE, language = 'wat' }: WatEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const fallbackRef = useRef<HTMLTextAreaElement>(null);
  const [monaco, setMonaco] = useState<MonacoApi>();
  const [editor, setEditor] = useState<CodeEditor>();
  const [loadFailed, setLoadFailed] = useState(false);

  // Monaco's listeners outlive renders: they read the latest props from here.
  const latest = useRef({ value, onChange, readOnly, fontSize, language });
  useLayoutEffect(() => {
    latest.current = { value, onChange, readOnly, fontSize, language };
  });
  const [echoes] = useState(() => new ValueEchoes());
  /** Set while this component writes `value` into the model, so that edit is not reported as the user's. */
  const applyingValue = useRef(false);

  useEffect(() => {
    let live = true;
    loadMonaco().then(
      (api) => live && setMonaco(api),
      (error: unknown) => {
        console.error('The code editor could not be loaded; falling back to plain text.', error);
        if (live) setLoadFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    if (monaco === undefined || host === null) return undefined;
    const initial = latest.current;
    const model = monaco.editor.createModel(initial.value, LANGUAGE_IDS[initial.language]);
    const pooled = takeParkedEditor() ?? createEditor(monaco);
    const { instance } = pooled;
    host.appendChild(pooled.element);
    instance.setModel(model);
    instance.updateOptions({ readOnly: initial.readOnly, fontSize: initial.fontSize });
    // Measured now, in its new place: out of the page it had no size, and `automaticLayout` would catch up a frame
    // later, drawing the first line alone meanwhile (seen in an e2e test reading the code right away).
    instance.layout();
    takeOverFromFallback(fallbackRef.current, instance, model);
    // Tab indents inside the editor; Escape, then Tab (or Shift+Tab), leaves it (stated under the editor).
    let escaped = false;
    const keys = instance.onKeyDown((event) => {
      if (event.keyCode === monaco.KeyCode.Escape) {
        escaped = true;
        return;
      }
      const leave = escaped && event.keyCode === monaco.KeyCode.Tab && !event.ctrlKey && !event.altKey && !event.metaKey;
      escaped = false;
      if (leave && host.parentElement && focusOutside(host.parentElement, event.shiftKey)) {
        event.preventDefault();
        event.stopPropagation();
      }
    });
    const subscription = model.onDidChangeContent(() => {
      if (applyingValue.current) return;
      const text = model.getValue();
      echoes.reported(text);
      latest.current.onChange(text);
    });
    setEditor(instance);
    return () => {
      subscription.dispose();
      keys.dispose();
      parkEditor(pooled);
      model.dispose();
      setEditor(undefined);
    };
  }, [monaco]);

  // An outside change of `value` (a template, a reset, a loaded file) goes in as one undoable edit of just the part
  // that changed; a late echo of the user's own typing does not (see valueEchoes.ts).
  useEffect(() => {
    const model = editor?.getModel();
    if (model == null || !echoes.mustApply(value, model.getValue())) return;
    const edit = minimalEdit(model.getValue(), value);
    const start = model.getPositionAt(edit.start);
    const end = model.getPositionAt(edit.end);
    applyingValue.current = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], [{ range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: edit.text }], () => null);
      model.pushStackElement();
    } finally {
      applyingValue.current = false;
    }
  }, [editor, value]);

  useEffect(() => {
    editor?.updateOptions({ readOnly, fontSize });
  }, [editor, readOnly, fontSize]);

  useEffect(() => {
    const model = editor?.getModel();
    if (monaco !== undefined && model != null && model.getLanguageId() !== LANGUAGE_IDS[language]) monaco.editor.setModelLanguage(model, LANGUAGE_IDS[language]);
  }, [monaco, editor, language]);

  // Only when the diagnostics change: between two diagnoses Monaco moves the markers along with the user's edits,
  // which stale line/column numbers re-applied on every keystroke would undo.
  useEffect(() => {
    const model = editor?.getModel();
    if (monaco === undefined || model == null) return;
    monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(model, diagnostics, { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info }));
  }, [monaco, editor, diagnostics]);

  return (
    <div className="wat-editor" style={{ position: 'relative', height: '100%', minHeight: 240 }}>
      <div ref={hostRef} style={{ position: 'absolute', inset: 0 }} />
      {editor === undefined && (
        <textarea
          ref={fallbackRef}
          className="wat-editor-fallback"
          aria-label="WAT source"
          aria-invalid={diagnostics.length > 0}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          style={{
            position: 'absolute', inset: 0, width: '100%', height: '100%', resize: 'none', boxSizing: 'border-box',
            padding: '4px 8px', border: 0, outline: 'none', tabSize: 2, whiteSpace: 'pre', overflow: 'auto',
            fontFamily: MONOSPACE, fontSize, background: '#1e1e1e', color: '#d4d4d4',
          }}
        />
      )}
      {loadFailed && (
        <p role="status" style={{ position: 'absolute', right: 8, bottom: 4, margin: 0, fontSize: '0.8em', opacity: 0.7 }}>
          Plain-text mode: the code editor could not be loaded.
        </p>
      )}
    </div>
  );
}

/** A Monaco editor in an element of its own, which the editor pool moves from host to host. */
function createEditor(monaco: MonacoApi): PooledEditor {
  const element = document.createElement('div');
  element.style.position = 'absolute';
  element.style.inset = '0';
  const instance = monaco.editor.create(element, {
    theme: 'vs-dark', // the app is dark (app.css: color-scheme: dark)
    automaticLayout: true,
    minimap: { enabled: false },
    // A narrow gutter and scrollbar leave the text 80 columns at 1440 px (issue 11): line numbers up to 999 in
    // place of 99,999, no glyph margin (the diagnostics are underlined and listed below the editor).
    lineNumbersMinChars: 3,
    glyphMargin: false,
    lineDecorationsWidth: 6,
    scrollbar: { verticalScrollbarSize: 10 },
    scrollBeyondLastLine: false,
    tabSize: 2,
    // Import and export names are typed inside strings, where Monaco does not suggest by default. Word-based
    // suggestions would then pop up in every data string: off, since completion offers the module's $ids itself.
    quickSuggestions: { other: 'on', comments: 'off', strings: 'on' },
    wordBasedSuggestions: 'off',
    fixedOverflowWidgets: true,
  });
  return { instance, element };
}

/** If the user was typing in the fallback, Monaco takes the focus and the caret where they were. */
function takeOverFromFallback(fallback: HTMLTextAreaElement | null, instance: CodeEditor, model: Monaco.editor.ITextModel): void {
  if (fallback === null || fallback.ownerDocument.activeElement !== fallback) return;
  instance.setPosition(model.getPositionAt(fallback.selectionStart));
  instance.revealPositionInCenterIfOutsideViewport(model.getPositionAt(fallback.selectionStart));
  instance.focus();
}
