/**
 * What moc compiles: Motoko files by relative path and the one holding the actor. A scenario's
 * `{ "motoko": "actor { … }" }` is a project of one file, `Main.mo`; `{ "motoko": { "files", "main" } }` names
 * its files itself (docs/SCENARIO-EXTENSIONS.md). Imports between the files are relative (`import Lib "Lib"`),
 * `mo:core/…` is moc.js's bundled core library.
 */
export interface MotokoProject {
  readonly files: Readonly<Record<string, string>>;
  readonly main: string;
}

/** The file a one-text source is compiled as (moc names it in errors and in `assert` trap messages). */
export const MAIN_FILE = 'Main.mo';

export function motokoProject(source: string | MotokoProject): MotokoProject {
  return typeof source === 'string' ? { files: { [MAIN_FILE]: source }, main: MAIN_FILE } : source;
}
