/**
 * The workspace's files: one WAT file per canister, and new files not deployed yet (drafts made here from a blank
 * module or a template). Opening a canister's file selects the canister; a new file opens in the editor, and the
 * New canister form deploys it.
 */
import { useEffect, useRef, useState } from 'react';
import { WAT_TEMPLATES } from '../editor/templates.ts';
import { MOTOKO_TEMPLATES } from '../editor/motokoTemplates.ts';

const STARTERS = [...WAT_TEMPLATES, ...MOTOKO_TEMPLATES];

export interface WorkspaceFile {
  readonly name: string;
  /** A canister of this name exists (its code is in the file); otherwise a draft to deploy. */
  readonly deployed: boolean;
  readonly errors: number;
  /** How its code is written: WAT or Motoko text, or a Wasm module given as a file. */
  readonly extension: 'wat' | 'mo' | 'wasm';
}

export interface FileListProps {
  readonly files: readonly WorkspaceFile[];
  /** The file in the editor. */
  readonly current: string | null;
  /** Names a new file cannot take (users, canisters, other files). */
  readonly takenNames: readonly string[];
  readonly onOpen: (file: WorkspaceFile) => void;
  readonly onCreate: (name: string, source: string) => void;
}

const NAME = /^[a-z][a-z0-9_-]*$/;

export function FileList({ files, current, takenNames, onOpen, onCreate }: FileListProps) {
  const [name, setName] = useState('');
  const list = useRef<HTMLUListElement>(null);
  // A workspace of hundreds of canisters scrolls its list (app.css): the open file is kept in sight.
  useEffect(() => {
    list.current?.querySelector('[aria-current=true]')?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);
  const [template, setTemplate] = useState('blank');
  const problem = !NAME.test(name) ? 'a name: lower-case letters, digits, - and _'
    : takenNames.includes(name) ? `"${name}" is taken` : null;
  const create = () => {
    onCreate(name, STARTERS.find((t) => t.id === template)!.source);
    setName('');
  };
  return (
    <nav className="file-list" aria-label="Files">
      <ul ref={list}>
        {files.map((file) => (
          <li key={file.name}>
            <button className="file" aria-current={file.name === current ? 'true' : undefined} onClick={() => onOpen(file)}
              title={file.deployed ? `The code of canister ${file.name}` : 'Not deployed yet: New canister, on the right, deploys it'}>
              {file.name}.{file.extension}
            </button>
            {!file.deployed && <span className="badge">not deployed</span>}
            {file.errors > 0 && <span className="badge error">{file.errors} error{file.errors === 1 ? '' : 's'}</span>}
          </li>
        ))}
      </ul>
      <details>
        <summary>New file</summary>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (!problem) create(); }}>
          <label>name <input value={name} onChange={(e) => setName(e.target.value.trim())} aria-label="new file name" placeholder="hello" /></label>
          <label>from
            <select value={template} onChange={(e) => setTemplate(e.target.value)} aria-label="new file from">
              <optgroup label="WAT">
                {WAT_TEMPLATES.map((t) => <option key={t.id} value={t.id} title={t.description}>{t.title}</option>)}
              </optgroup>
              <optgroup label="Motoko">
                {MOTOKO_TEMPLATES.map((t) => <option key={t.id} value={t.id} title={t.description}>{t.title}</option>)}
              </optgroup>
            </select>
          </label>
          <button type="submit" disabled={problem !== null}>Create file</button>
          {problem && name !== '' && <p className="field-error">Needs {problem}.</p>}
        </form>
      </details>
    </nav>
  );
}
