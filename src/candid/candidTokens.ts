/**
 * The tokens of Candid text, shared by service descriptions (`.did`) and values (`(42, "hi")`), as the Candid
 * spec's lexical grammar has them: identifiers and keywords, numbers (decimal, hex, with `_`, floats, a sign),
 * text literals with their escapes (kept as bytes: `"\ff"` is a valid blob, not valid text), symbols, and
 * `//` and nested `/* *\/` comments skipped. Errors name the line and column.
 */

import { MAX_CANDID_NESTING } from '../engine/index.ts';

export type Token =
  | { readonly kind: 'id'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly at: number }
  | { readonly kind: 'symbol'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

export class CandidSyntaxError extends Error {}

const SYMBOLS = ['->', '(', ')', '{', '}', ';', ',', ':', '=', '.'];
const UTF8 = new TextEncoder();

/** "3:14" for offset `at` of `source`. */
export function lineColumn(source: string, at: number): string {
  const before = source.slice(0, at).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

export function syntaxError(source: string, at: number, message: string): CandidSyntaxError {
  return new CandidSyntaxError(`${lineColumn(source, at)}: ${message}`);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (true) {
    i = skipSpaceAndComments(source, i);
    if (i >= source.length) break;
    const at = i;
    const rest = source.slice(i);
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const number = /^[+-]?(?:0x[0-9a-fA-F][0-9a-fA-F_]*|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)/.exec(rest);
    if (id) {
      tokens.push({ kind: 'id', text: id[0], at });
      i += id[0].length;
    } else if (number) {
      tokens.push({ kind: 'number', text: number[0], at });
      i += number[0].length;
    } else if (source[i] === '"') {
      const [bytes, end] = readTextLiteral(source, i);
      tokens.push({ kind: 'text', bytes, at });
      i = end;
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (!symbol) throw syntaxError(source, at, `unexpected character ${JSON.stringify(source[i])}`);
      tokens.push({ kind: 'symbol', text: symbol, at });
      i += symbol.length;
    }
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}

function skipSpaceAndComments(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    if (/\s/.test(source[i])) i++;
    else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (source.startsWith('/*', i)) {
      let depth = 0;
      const open = i;
      do {
        if (source.startsWith('/*', i)) { depth++; i += 2; }
        else if (source.startsWith('*/', i)) { depth--; i += 2; }
        else if (i >= source.length) throw syntaxError(source, open, 'a comment is not closed');
        else i++;
      } while (depth > 0);
    } else break;
  }
  return i;
}

/** The bytes of the literal opening at `start` and the offset after its closing quote. */
function readTextLiteral(source: string, start: number): [Uint8Array, number] {
  const parts: number[] = [];
  let i = start + 1;
  while (true) {
    if (i >= source.length) throw syntaxError(source, start, 'a text literal is not closed');
    const char = source[i];
    if (char === '"') return [new Uint8Array(parts), i + 1];
    if (char !== '\\') {
      const codePoint = source.codePointAt(i)!;
      const text = String.fromCodePoint(codePoint);
      parts.push(...UTF8.encode(text));
      i += text.length;
      continue;
    }
    const escape = source[i + 1];
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, '\\': 92, '"': 34, "'": 39 };
    if (escape in simple) {
      parts.push(simple[escape]);
      i += 2;
    } else if (escape === 'u') {
      const unicode = /^\{([0-9a-fA-F_]{1,8})\}/.exec(source.slice(i + 2));
      const codePoint = unicode ? parseInt(unicode[1].replace(/_/g, ''), 16) : NaN;
      if (!unicode || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint < 0xe000)) throw syntaxError(source, i, 'a \\u{…} escape needs a Unicode scalar value in hex');
      parts.push(...UTF8.encode(String.fromCodePoint(codePoint)));
      i += 2 + unicode[0].length;
    } else if (/^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
      parts.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      throw syntaxError(source, i, `unknown escape \\${escape ?? ''} (use \\n \\r \\t \\\\ \\" \\' \\u{…} or two hex digits)`);
    }
  }
}

/** A position in a token list with the few moves both grammars need. */
/**
 * The deepest nesting of values and types the readers follow (the engine's bound on Candid messages, params.ts): past
 * it, a syntax error at the first level too deep, where the recursive readers, the type inference, `IDL.encode` and
 * the printer would otherwise overflow the JavaScript stack (found probing for the fuzzing campaign, issue 17).
 */
export { MAX_CANDID_NESTING };

export class TokenCursor {
  private index = 0;
  private depth = 0;
  readonly tokens: Token[];

  constructor(readonly source: string) {
    this.tokens = tokenize(source);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** The next token is this symbol or keyword. */
  is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return (token.kind === 'symbol' || token.kind === 'id') && token.text === text;
  }

  /** Consumes the symbol or keyword if it is next. */
  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) throw this.error(`expected "${text}" but found ${describeToken(this.peek())}`);
  }

  error(message: string, at = this.peek().at): CandidSyntaxError {
    return syntaxError(this.source, at, message);
  }

  /** Reads one nested value or type: an error past `MAX_CANDID_NESTING` levels. */
  nested<T>(read: () => T): T {
    if (this.depth >= MAX_CANDID_NESTING) throw this.error(`nested deeper than ${MAX_CANDID_NESTING} levels`);
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }
}

/** `open item sep item … close`, a separator before `close` allowed: `(a, b,)`, `{ a; b; }`. */
export function readSeparated<T>(c: TokenCursor, open: string, close: string, separator: string, readItem: () => T): T[] {
  c.expect(open);
  const items: T[] = [];
  while (!c.accept(close)) {
    items.push(readItem());
    if (!c.accept(separator)) { c.expect(close); break; }
  }
  return items;
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end': return 'the end';
    case 'text': return 'a text literal';
    default: return `"${token.text}"`;
  }
}
