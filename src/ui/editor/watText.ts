/**
 * Reading WAT source around a cursor, for completion and hover: positions ⇄ offsets, whether the cursor is in
 * code, a comment or a string, the word under it, and which `$ids` name `ic0` imports. Pure functions over the
 * text, so completion and hover are testable without Monaco. Positions are Monaco's: 1-based line and column,
 * columns in UTF-16 code units.
 */

export interface WatPosition {
  readonly lineNumber: number;
  readonly column: number;
}

/** A Monaco-shaped range (IRange), 1-based, end exclusive. */
export interface WatRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** Offset of a position, clamped to the text. */
export function offsetAt(text: string, position: WatPosition): number {
  let offset = 0;
  for (let line = 1; line < position.lineNumber; line++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(position.column - 1, 0), lineEnd < 0 ? text.length : lineEnd);
}

export function positionAt(text: string, offset: number): WatPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { lineNumber: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The range between two offsets (which must be on one line for completion ranges; Monaco requires it). */
export function rangeOf(text: string, start: number, end: number): WatRange {
  const from = positionAt(text, start);
  const to = positionAt(text, end);
  return { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column };
}

export type CursorContext =
  | { readonly kind: 'code' }
  | { readonly kind: 'comment' }
  /** Inside a string literal: `contentStart` is just after the opening quote; `contentEnd` is at the closing quote
   *  or, for an unterminated string, at the end of the line. */
  | { readonly kind: 'string'; readonly contentStart: number; readonly contentEnd: number; readonly closed: boolean };

/**
 * Where `offset` falls, found by scanning from the start: WAT's lexical structure (`;;` line comments, nesting
 * `(; ;)` block comments, strings with `\` escapes that end at a line break) cannot be judged from the current line
 * alone. Linear in the offset; fine for editor-sized sources.
 */
export function cursorContext(text: string, offset: number): CursorContext {
  let i = 0;
  while (i < offset) {
    const c = text[i];
    if (c === ';' && text[i + 1] === ';') {
      const end = lineEnd(text, i);
      if (offset <= end) return { kind: 'comment' };
      i = end;
    } else if (c === '(' && text[i + 1] === ';') {
      const end = blockCommentEnd(text, i);
      // An unclosed block comment runs to the end of the text, cursor at the very end included.
      if (offset < end || end < 0) return { kind: 'comment' };
      i = end;
    } else if (c === '"') {
      const { contentEnd, closed } = stringEnd(text, i + 1);
      if (offset <= contentEnd) return { kind: 'string', contentStart: i + 1, contentEnd, closed };
      i = closed ? contentEnd + 1 : contentEnd;
    } else {
      i++;
    }
  }
  return { kind: 'code' };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** Offset just past the `;)` closing the block comment opened at `start`, or -1 if it is never closed. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text[i] === '(' && text[i + 1] === ';') {
      depth++;
      i += 2;
    } else if (text[i] === ';' && text[i + 1] === ')') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

function stringEnd(text: string, contentStart: number): { contentEnd: number; closed: boolean } {
  let i = contentStart;
  while (i < text.length && text[i] !== '\n') {
    if (text[i] === '"') return { contentEnd: i, closed: true };
    i += text[i] === '\\' ? 2 : 1;
  }
  return { contentEnd: Math.min(i, text.length), closed: false };
}

/** A WAT identifier character (spec "idchar"), plus `$` so `$ids` read as one word. */
const WORD_CHAR = /[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/;

/** The word touching `offset` (the cursor may be just after it), or undefined. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return start < end ? { word: text.slice(start, end), start, end } : undefined;
}

/** Start of the word being typed just before `offset` (`offset` itself if none). */
export function wordStartBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  return start;
}

/** Up to `max` characters before `offset`: enough for the patterns below, without rescanning the whole file. */
export function textBefore(text: string, offset: number, max = 200): string {
  return text.slice(Math.max(0, offset - max), offset);
}

/** True when a string starting right after `before` is the function name of an `ic0` import. */
export const isIc0ImportNameString = (before: string): boolean => /\(\s*import\s+"ic0"\s+"$/.test(before);

/** True when a string starting right after `before` is an export name. */
export const isExportNameString = (before: string): boolean => /\(\s*export\s+"$/.test(before);

const ID = String.raw`\$[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_\`|~]+`;

/** Maps each `$id` given to an `ic0` import function to the import's name: `$reply` → `msg_reply`. */
export function ic0ImportIds(text: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const match of text.matchAll(new RegExp(String.raw`\(\s*import\s+"ic0"\s+"([^"\n]*)"\s*\(\s*func\s+(${ID})`, 'g'))) {
    ids.set(match[2], match[1]);
  }
  return ids;
}

/** Every `$id` the text declares, with what declares it (`func`, `global`, `param`, `loop`, ...), first one wins. */
export function declaredIds(text: string): Map<string, string> {
  const ids = new Map<string, string>();
  const declaration = new RegExp(String.raw`\(\s*(func|global|local|param|type|memory|table|elem|data|block|loop|if)\s+(${ID})`, 'g');
  for (const match of text.matchAll(declaration)) {
    if (!ids.has(match[2])) ids.set(match[2], match[1]);
  }
  return ids;
}
