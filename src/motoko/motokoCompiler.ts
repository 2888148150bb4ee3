/**
 * The Motoko compiler as the rest of the app sees it: a project in, 32-bit classic-persistence Wasm or
 * diagnostics out, asynchronously (moc.js takes seconds). Node loads moc.js in-process (`nodeMotokoCompiler.ts`);
 * the browser runs it in its own worker (`worker/motokoClient.ts`). The scenario layer takes one injected.
 */
import type { MotokoDiagnostic } from './motokoDiagnostic.ts';
import type { MotokoProject } from './motokoProject.ts';

export type MotokoCompileResult =
  | { readonly ok: true; readonly wasm: Uint8Array; readonly warnings: readonly MotokoDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly MotokoDiagnostic[] };

export interface MotokoCompiler {
  compile(project: MotokoProject): Promise<MotokoCompileResult>;
  /** Type-checks without generating code (fast): the editor's markers. */
  check(project: MotokoProject): Promise<readonly MotokoDiagnostic[]>;
}
