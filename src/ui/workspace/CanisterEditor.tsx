/**
 * The editor for one canister's code, WAT or Motoko (told apart by `sourceLanguage`), with the compiler's
 * diagnostics as markers (debounced while typing).
 */
import { useEffect, useState } from 'react';
import type { EditorDiagnostic } from '../editor/diagnosticMarkers.ts';
import { WatEditor } from '../editor/WatEditor.tsx';
import { EXTENSIONS, sourceLanguage } from '../editor/sourceLanguage.ts';
import { useView } from '../../state/viewStore.ts';
import { useAfterFirstGraph } from '../app/afterFirstGraph.ts';

export interface CanisterEditorProps {
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Errors and warnings of a text, WAT or Motoko. */
  readonly diagnose: (text: string) => Promise<readonly EditorDiagnostic[]>;
  /** Told how many errors the canister's text has after each diagnosis. */
  readonly onErrors?: (name: string, count: number) => void;
}

const DIAGNOSE_DELAY_MS = 300;

export function CanisterEditor({ name, value, onChange, diagnose, onErrors }: CanisterEditorProps) {
  // Monaco is 3.4 MB of JavaScript: mounted after the first graph, a plain text area (same value, same edits) until
  // then.
  const idle = useAfterFirstGraph();
  const language = sourceLanguage(value);
  const presentation = useView((s) => s.presentation);
  const [diagnostics, setDiagnostics] = useState<readonly EditorDiagnostic[]>([]);
  // Warnings are shown but do not stop an install; errors do.
  const errors = diagnostics.filter((d) => (d.severity ?? 'error') === 'error').length;
  useEffect(() => {
    // The check needs the WAT compiler, which loads after the first graph too (an install before then is checked
    // by the engine, which says what is wrong).
    if (!idle) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      void diagnose(value).then((d) => {
        if (!live) return;
        setDiagnostics(d);
        onErrors?.(name, d.filter((x) => (x.severity ?? 'error') === 'error').length);
      }, () => {
        // The engine stopped (a crash, or the user's Stop) before it answered: the diagnostics stay as they were
        // until the next edit. Left unhandled, the rejection was a page error (seen in the Stop e2e test).
      });
    }, DIAGNOSE_DELAY_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [idle, name, value, diagnose, onErrors]);
  return (
    <section className="canister-editor" aria-label={`Code of ${name}`}>
      <h3>{name}.{EXTENSIONS[language]} {errors > 0 && <span className="badge error" data-testid="diagnostics">{errors} error{errors === 1 ? '' : 's'}</span>}
        {diagnostics.length > errors && <span className="badge" data-testid="warnings">{diagnostics.length - errors} warning{diagnostics.length - errors === 1 ? '' : 's'}</span>}</h3>
      {idle
        ? <WatEditor value={value} onChange={onChange} diagnostics={diagnostics} fontSize={presentation ? 22 : 14} language={language} />
        : <textarea className="wat-fallback" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} aria-label={`${name}.${EXTENSIONS[language]}`} rows={20} />}
      <p className="muted editor-hint">Tab indents. To leave the editor by keyboard: Esc, then Tab.</p>
      {diagnostics.length > 0 && (
        <ul className="diagnostics">{diagnostics.map((d, i) => <li key={i} className={d.severity ?? 'error'}>line {d.line}:{d.column} — {d.severity === 'warning' ? 'warning: ' : ''}{d.message}</li>)}</ul>
      )}
    </section>
  );
}
