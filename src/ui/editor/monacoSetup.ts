/**
 * Everything that pulls Monaco in at runtime. Only loadMonaco() imports this module, dynamically, so Vite puts
 * Monaco (~700 KB gzipped) in its own chunks and the app's first screen does not wait for it.
 *
 * Evaluating this module configures Monaco once: the editor worker, the editor features the WAT editor uses,
 * the WAT language with its completion and hover providers, and Motoko's highlighting and snippets.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// Since 0.56, `editor.api` is the bare editor: every feature is opt-in. These are the ones a code editor for
// learners needs; the rest (diff editor, inlay hints, code lens, quick access, ...) would only add weight.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/suggest/register';
// In 0.57 `features/suggest` registers only the inline-completion bridge; the suggestion widget is this contribution
// (editor.main imports it directly). Without it completion providers are never asked.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/smartSelect/register';
// Vite builds this into a separate worker file (a same-origin module worker, which the CSP's worker-src allows).
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configure as registerMotoko } from 'motoko/contrib/monaco.js';
import { registerWat } from './watLanguage.ts';
import { registerWatProviders } from './watProviders.ts';

// The only worker Monaco asks for here is the generic editor worker (word-based suggestions, links, diffs): no
// language in this editor has a worker of its own.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor-worker' }),
};

registerWat(monaco);
registerWatProviders(monaco);
// Motoko: the language definition and snippets DFINITY's `motoko` package ships for Monaco (id `motoko`).
registerMotoko(monaco, { snippets: true });

export { monaco };
