/**
 * The editor for one canister's WAT, with diagnostics from the engine worker as markers (debounced while typing).
 */
import { useEffect, useState } from 'react';
import type { SourceDiagnostic } from '../../engine/index.ts';
import { WatEditor } from '../editor/WatEditor.tsx';
import { useView } from '../../state/viewStore.ts';

export interface CanisterEditorProps {
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly diagnose: (wat: string) => Promise<readonly SourceDiagnostic[]>;
  /** Told how many errors the canister's text has after each diagnosis. */
  readonly onErrors?: (name: string, count: number) => void;
}

const DIAGNOSE_DELAY_MS = 300;

/**
 * Monaco is 3.4 MB of JavaScript: it is mounted once the browser is idle, after the graph is on screen, and a
 * plain text area (same value, same edits) stands in until then.
 */
function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const request = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = request(() => setIdle(true), { timeout: 2000 });
    return () => cancel(handle);
  }, []);
  return idle;
}

export function CanisterEditor({ name, value, onChange, diagnose, onErrors }: CanisterEditorProps) {
  const idle = useIdle();
  const presentation = useView((s) => s.presentation);
  const [diagnostics, setDiagnostics] = useState<readonly SourceDiagnostic[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void diagnose(value).then((d) => {
        if (!live) return;
        setDiagnostics(d);
        onErrors?.(name, d.length);
      });
    }, DIAGNOSE_DELAY_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [name, value, diagnose, onErrors]);
  return (
    <section className="canister-editor" aria-label={`Code of ${name}`}>
      <h3>{name}.wat {diagnostics.length > 0 && <span className="badge error" data-testid="diagnostics">{diagnostics.length} error{diagnostics.length === 1 ? '' : 's'}</span>}</h3>
      {idle
        ? <WatEditor value={value} onChange={onChange} diagnostics={diagnostics} fontSize={presentation ? 22 : 14} />
        : <textarea className="wat-fallback" value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} aria-label={`${name}.wat`} rows={20} />}
      <p className="muted editor-hint">Tab indents. To leave the editor by keyboard: Esc, then Tab.</p>
      {diagnostics.length > 0 && (
        <ul className="diagnostics">{diagnostics.map((d, i) => <li key={i}>line {d.line}:{d.column} — {d.message}</li>)}</ul>
      )}
    </section>
  );
}
