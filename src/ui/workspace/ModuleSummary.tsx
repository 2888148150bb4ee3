/**
 * In place of the editor, for a canister whose code is not text the editor holds (an uploaded Wasm module): what
 * it is and what it exports, and how to change it.
 */
import type { CanisterView } from '../../worker/protocol.ts';
import type { Source } from '../../scenario/scenarioTypes.ts';

export function ModuleSummary({ name, source, canister }: { name: string; source: Source; canister: CanisterView | null }) {
  const bytes = 'wasm' in source ? Math.floor((source.wasm.length * 3) / 4) - (source.wasm.match(/=*$/)?.[0].length ?? 0) : null;
  return (
    <section className="module-summary" aria-label={`Code of ${name}`} data-testid="module-summary">
      <h3>{name}.wasm</h3>
      <p>
        {name} runs a Wasm module{bytes !== null ? ` of ${bytes.toLocaleString('en-US')} bytes` : ''} given as a file, not as source
        text the editor can show.
      </p>
      {canister && (
        <dl className="facts">
          <dt>module hash</dt><dd className="mono">{canister.moduleHash ?? '—'}</dd>
          <dt>update methods</dt><dd className="mono">{canister.updateMethods.join(', ') || '—'}</dd>
          <dt>query methods</dt><dd className="mono">{canister.queryMethods.join(', ') || '—'}</dd>
        </dl>
      )}
      <p className="muted">To change it, install another module under Manage {name} (code: a .wasm file), or create a new file
        above and upgrade {name} with it.</p>
    </section>
  );
}
