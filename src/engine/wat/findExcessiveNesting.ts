import type { SourceDiagnostic } from './compileWat.ts';

/**
 * Deepest nesting compileWat hands to wabt. wabt's parser recurses once per nesting level on a fixed 64 KiB
 * stack without overflow checks: at about 150 nested folded blocks (175 flat `block`s, 160 folded `if`s) it
 * writes past its stack, corrupting its heap. The symptoms are "memory access out of bounds" on every later
 * call, or an endless loop. 100 leaves a margin for constructs not measured, and hand-written canisters rarely
 * nest deeper than 20.
 */
export const MAX_WAT_NESTING = 100;

/** Keywords that open a flat (non-folded) structured instruction, closed by `end`. */
const FLAT_OPENERS = new Set(['block', 'loop', 'if', 'try', 'try_table']);

/**
 * Finds the first place where `source` nests deeper than `limit`, or returns undefined. Depth counts open
 * parentheses plus open flat `block`/`loop`/`if` instructions, skipping comments and strings. The count is
 * deliberately an over-approximation of what wabt recurses on (an unclosed string ends at the line's end, a
 * stray `end` never goes below zero), so it can reject odd text but never lets deep nesting through.
 */
export function findExcessiveNesting(source: string, limit: number = MAX_WAT_NESTING): SourceDiagnostic | undefined {
  let parens = 0;
  let flat = 0;
  let line = 1;
  let lineStart = 0;
  let afterOpenParen = false;
  let i = 0;
  const n = source.length;
  const tooDeep = (at: number): SourceDiagnostic => ({
    line,
    column: at - lineStart + 1,
    message: `nesting deeper than ${limit} levels is not supported`,
  });
  while (i < n) {
    const ch = source[i];
    if (ch === '\n') {
      line += 1;
      lineStart = i + 1;
      i += 1;
    } else if (ch === ';' && source[i + 1] === ';') {
      while (i < n && source[i] !== '\n') i += 1;
    } else if (ch === '(' && source[i + 1] === ';') {
      // Block comments nest in WAT.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (source[i] === '(' && source[i + 1] === ';') {
          depth += 1;
          i += 2;
        } else if (source[i] === ';' && source[i + 1] === ')') {
          depth -= 1;
          i += 2;
        } else {
          if (source[i] === '\n') {
            line += 1;
            lineStart = i + 1;
          }
          i += 1;
        }
      }
    } else if (ch === '"') {
      i += 1;
      while (i < n && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' && source[i + 1] !== '\n' ? 2 : 1;
      if (source[i] === '"') i += 1;
      afterOpenParen = false;
    } else if (ch === '(') {
      parens += 1;
      if (parens + flat > limit) return tooDeep(i);
      afterOpenParen = true;
      i += 1;
    } else if (ch === ')') {
      if (parens > 0) parens -= 1;
      afterOpenParen = false;
      i += 1;
    } else if (/\s/.test(ch)) {
      i += 1;
    } else {
      const start = i;
      while (i < n && !/[\s()";]/.test(source[i])) i += 1;
      if (i === start) i += 1; // a lone ';'
      const word = source.slice(start, i);
      if (!afterOpenParen && FLAT_OPENERS.has(word)) {
        flat += 1;
        if (parens + flat > limit) return tooDeep(start);
      } else if (word === 'end' && flat > 0) {
        flat -= 1;
      }
      afterOpenParen = false;
    }
  }
  return undefined;
}
