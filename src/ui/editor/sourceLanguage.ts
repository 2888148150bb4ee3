/**
 * The language of a canister's source text. A WAT module is an s-expression: after its comments (`;;` lines,
 * `(; … ;)` blocks) it opens with `(`. Motoko never does at the top level (it opens with `import`, `actor`,
 * `persistent actor`, `module`, `//` comments…). Editor drafts are plain text, so this is how a draft says which
 * compiler it needs.
 */
import type { Source } from '../../scenario/scenarioTypes.ts';

export type SourceLanguage = 'wat' | 'motoko';

export function sourceLanguage(text: string): SourceLanguage {
  const code = text.replace(/\(;[\s\S]*?;\)/g, '').replace(/^\s*;;.*$/gm, '').trimStart();
  if (code === '') return /^\s*\/\//m.test(text) ? 'motoko' : 'wat';
  return code.startsWith('(') ? 'wat' : 'motoko';
}

/** An editor's text as a scenario source, in its language. */
export function sourceFromText(text: string): Source {
  return sourceLanguage(text) === 'motoko' ? { motoko: text } : { wat: text };
}

/** A file's extension for its language. */
export const EXTENSIONS: Readonly<Record<SourceLanguage, string>> = { wat: 'wat', motoko: 'mo' };
