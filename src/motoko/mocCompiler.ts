/**
 * moc.js (DFINITY's Motoko compiler compiled to JavaScript, the `motoko` npm package's `versions/latest/moc.min.js`)
 * driven directly: the few functions of its raw interface the playground needs, with the options that make its
 * output a function of the source alone. Synchronous and slow (seconds per compilation): it runs in the Motoko
 * worker in the browser and in-process in Node.
 */
import { withoutCustomSection } from '../engine/index.ts';
import { fromMocDiagnostic, type MocDiagnostic, type MotokoDiagnostic } from './motokoDiagnostic.ts';
import type { MotokoCompileResult } from './motokoCompiler.ts';
import type { MotokoProject } from './motokoProject.ts';

/** The raw compiler object moc.min.js exports as `Motoko`. */
export interface RawMoc {
  saveFile(path: string, content: string): void;
  removeFile(path: string): void;
  addPackage(name: string, directory: string): void;
  gcFlags(flag: string): void;
  setPublicMetadata(names: string[]): void;
  compileWasm(mode: 'ic', path: string): { code: { wasm: Uint8Array } | null; diagnostics: MocDiagnostic[] };
  /** `check` reusing the scopes of modules type-checked before (an opaque map by path, returned updated). */
  checkWithScopeCache(path: string, scopes: Map<string, unknown>): { diagnostics: MocDiagnostic[]; scopeCache: Map<string, unknown> | null };
}

/** A Motoko library as the package ships it (`packages/latest/core.json`). */
export interface MotokoPackage {
  readonly name: string;
  readonly version: string;
  readonly files: Readonly<Record<string, { readonly content: string }>>;
}

export interface MocCompiler {
  compile(project: MotokoProject): MotokoCompileResult;
  check(project: MotokoProject): MotokoDiagnostic[];
}

/** Where library files live in moc's virtual file system; project files may not start with a dot. */
const PACKAGES_DIRECTORY = '.packages';

export function mocCompiler(moc: RawMoc, packages: readonly MotokoPackage[]): MocCompiler {
  for (const pkg of packages) {
    const directory = `${PACKAGES_DIRECTORY}/${pkg.name}/${pkg.version}`;
    for (const [path, file] of Object.entries(pkg.files)) moc.saveFile(`${directory}/${path}`, file.content);
    moc.addPackage(pkg.name, directory);
  }
  // 32-bit Wasm with classic persistence: what Node 20 runs (enhanced orthogonal persistence is wasm64). The
  // garbage collector is named although copying is the default: left unnamed, the first compilation of a
  // process writes "default" into the runtime information in the data segment and later ones "copying".
  moc.gcFlags('classicOP');
  moc.gcFlags('copying');
  // As dfx builds canisters: the Candid interface readable by anyone (`icp:public`).
  moc.setPublicMetadata(['candid:service', 'candid:args']);

  /** Runs `use` with the project's files written, and removes them after: the next project sees only its own. */
  const withFiles = <T>(project: MotokoProject, use: () => T): T => {
    const paths = Object.keys(project.files);
    for (const path of paths) moc.saveFile(path, project.files[path]);
    try {
      return use();
    } finally {
      for (const path of paths) moc.removeFile(path);
    }
  };

  // The scopes of library modules, kept between checks: type-checking `mo:core/Map` alone takes seconds, and the
  // editor checks on every pause in typing. Only libraries: a project's own files change between checks.
  let libraryScopes = new Map<string, unknown>();
  const isLibrary = (path: string) => path.startsWith(`${PACKAGES_DIRECTORY}/`) || path.startsWith('@');

  return {
    compile: (project) => withFiles(project, () => {
      const { code, diagnostics } = moc.compileWasm('ic', project.main);
      const all = diagnostics.map(fromMocDiagnostic);
      if (!code) return { ok: false, diagnostics: all };
      // The `name` section is debugging data whose invented names differ from one compilation to the next.
      return { ok: true, wasm: withoutCustomSection(code.wasm, 'name'), warnings: all };
    }),
    check: (project) => withFiles(project, () => {
      const { diagnostics, scopeCache } = moc.checkWithScopeCache(project.main, libraryScopes);
      if (scopeCache) libraryScopes = new Map([...scopeCache].filter(([path]) => isLibrary(path)));
      return diagnostics.map(fromMocDiagnostic);
    }),
  };
}
