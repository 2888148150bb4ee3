/** The Monaco language definition the `motoko` package ships (CommonJS, untyped). */
declare module 'motoko/contrib/monaco.js' {
  import type * as Monaco from 'monaco-editor/editor/editor.api';
  export function configure(monaco: typeof Monaco, options?: { snippets?: boolean }): void;
}
