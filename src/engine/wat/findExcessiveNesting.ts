import type { SourceDiagnostic } from './compileWat.ts';

/**
 * Deepest nesting compileWat hands to wabt. wabt's parser recurses once per nesting level on a fixed 64 KiB
 * stack without overflow checks: at about 150 nested folded blocks (175 flat `block`s, 155 folded `if`s) it
 * writes past its stack and corrupts its heap. The symptoms are "memory access out of bounds" on every later
 * call, or an endless loop. 100 leaves a margin for constructs not measured, and hand-written canisters rarely
 * nest deeper than 20.
 */
export const MAX_WAT_NESTING = 100;

/** Keywords that open a flat (non-folded) structured instruction, closed by `end`. */
const FLAT_OPENERS = new Set(['block', 'loop', 'if', 'try', 'try_table']);

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * What the regular expression `\s` matches (ECMAScript WhiteSpace and LineTerminator), by character code: the
 * scan runs over every character of every source compiled, and a regular expression test per character was
 * most of compileWat's time (BENCHMARKS.md, issue #5).
 */
export function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Characters that end a keyword or other bare token in WAT: whitespace, parentheses, a quote, a semicolon. */
function endsToken(code: number): boolean {
  return code === OPEN_PAREN || code === CLOSE_PAREN || code === QUOTE || code === SEMICOLON || isWhitespace(code);
}

interface Scan {
  readonly source: string;
  i: number;
  line: number;
  lineStart: number;
}

/**
 * Finds the first place where `source` nests deeper than `limit`, or returns undefined. Depth counts open
 * parentheses plus open flat `block`/`loop`/`if` instructions, skipping comments and strings. The count is
 * deliberately an over-approximation of what wabt recurses on for well-formed code (an unclosed string ends
 * at the line's end, a stray `end` never goes below zero), so it can reject odd text but never lets deep
 * nesting through. Erroneous code can still make wabt recurse deeper (see compileWat's health check).
 */
export function findExcessiveNesting(source: string, limit: number = MAX_WAT_NESTING): SourceDiagnostic | undefined {
  const scan: Scan = { source, i: 0, line: 1, lineStart: 0 };
  let parens = 0;
  let flat = 0;
  let afterOpenParen = false;
  while (scan.i < source.length) {
    const at = scan.i;
    const ch = source.charCodeAt(at);
    if (ch === OPEN_PAREN && source.charCodeAt(at + 1) === SEMICOLON) {
      skipBlockComment(scan);
    } else if (ch === SEMICOLON && source.charCodeAt(at + 1) === SEMICOLON) {
      skipLineComment(scan);
    } else if (ch === QUOTE) {
      skipString(scan);
      afterOpenParen = false;
    } else if (ch === OPEN_PAREN) {
      scan.i += 1;
      parens += 1;
      if (parens + flat > limit) return tooDeep(scan, at, limit);
      afterOpenParen = true;
    } else if (ch === CLOSE_PAREN) {
      scan.i += 1;
      if (parens > 0) parens -= 1;
      afterOpenParen = false;
    } else if (isWhitespace(ch)) {
      advanceOneChar(scan);
    } else {
      const word = readWord(scan);
      if (!afterOpenParen && FLAT_OPENERS.has(word)) {
        flat += 1;
        if (parens + flat > limit) return tooDeep(scan, at, limit);
      } else if (word === 'end' && flat > 0) {
        flat -= 1;
      }
      afterOpenParen = false;
    }
  }
  return undefined;
}

function tooDeep(scan: Scan, at: number, limit: number): SourceDiagnostic {
  return { line: scan.line, column: at - scan.lineStart + 1, message: `nesting deeper than ${limit} levels is not supported` };
}

function advanceOneChar(scan: Scan): void {
  if (scan.source.charCodeAt(scan.i) === NEWLINE) {
    scan.line += 1;
    scan.lineStart = scan.i + 1;
  }
  scan.i += 1;
}

function skipLineComment(scan: Scan): void {
  while (scan.i < scan.source.length && scan.source.charCodeAt(scan.i) !== NEWLINE) scan.i += 1;
}

/** Block comments nest in WAT: `(; (; ;) ;)` is one comment. */
function skipBlockComment(scan: Scan): void {
  const { source } = scan;
  let depth = 1;
  scan.i += 2;
  while (scan.i < source.length && depth > 0) {
    const ch = source.charCodeAt(scan.i);
    if (ch === OPEN_PAREN && source.charCodeAt(scan.i + 1) === SEMICOLON) {
      depth += 1;
      scan.i += 2;
    } else if (ch === SEMICOLON && source.charCodeAt(scan.i + 1) === CLOSE_PAREN) {
      depth -= 1;
      scan.i += 2;
    } else {
      advanceOneChar(scan);
    }
  }
}

/** A string ends at its closing quote, or (unterminated, as wabt reports it) at the end of the line. */
function skipString(scan: Scan): void {
  const { source } = scan;
  scan.i += 1;
  while (scan.i < source.length && source.charCodeAt(scan.i) !== QUOTE && source.charCodeAt(scan.i) !== NEWLINE) {
    scan.i += source.charCodeAt(scan.i) === BACKSLASH && source.charCodeAt(scan.i + 1) !== NEWLINE ? 2 : 1;
  }
  if (source.charCodeAt(scan.i) === QUOTE) scan.i += 1;
}

function readWord(scan: Scan): string {
  const start = scan.i;
  while (scan.i < scan.source.length && !endsToken(scan.source.charCodeAt(scan.i))) scan.i += 1;
  if (scan.i === start) scan.i += 1; // a lone ';'
  return scan.source.slice(start, scan.i);
}
