/**
 * In place of the editor, for a canister whose code is not text the editor holds (an uploaded Wasm module, a
 * multi-file Motoko project): what
 * it is and what it exports, and how to change it.
 */
import type { CanisterView } from '../../worker/protocol.ts';
import type { Source } from '../../scenario/scenarioTypes.ts';

export function ModuleSummary({ name, source, canister }: { name: string; source: Source; canister: CanisterView | null }) {
  const bytes = 'wasm' in source ? Math.floor((source.wasm.length * 3) / 4) - (source.wasm.match(/=*$/)?.[0].length ?? 0) : null;
  const project = 'motoko' in source && typeof source.motoko !== 'string' ? source.motoko : null;
  return (
    <section className="module-summary" aria-label={`Code of ${name}`} data-testid="module-summary">
      <h3>{name}.{project ? 'mo' : 'wasm'}</h3>
      <p>
        {project
          ? `${name} runs a Motoko project of ${Object.keys(project.files).length} files (${Object.keys(project.files).join(', ')}; the actor in ${project.main}), which the editor cannot hold as one text.`
          : `${name} runs a Wasm module${bytes !== null ? ` of ${bytes.toLocaleString('en-US')} bytes` : ''} given as a file, not as source text the editor can show.`}
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
