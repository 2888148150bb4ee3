import { describe, expect, it } from 'vitest';
import { findExcessiveNesting, isWhitespace } from './findExcessiveNesting.ts';

const folded = (n: number) => `(module (func ${'(block '.repeat(n)}${')'.repeat(n)}))`;
const flat = (n: number) => `(module (func ${'block '.repeat(n)}${'end '.repeat(n)}))`;

describe('findExcessiveNesting', () => {
  it.each([
    ['folded blocks at the limit', folded(8), 10],
    ['flat blocks at the limit', flat(8), 10],
    ['a long flat sequence of closed blocks', `(module (func ${'block end '.repeat(1000)}))`, 10],
    ['parentheses inside strings', `(module (data "${'('.repeat(50)}"))`, 10],
    ['parentheses inside line comments', `(module ;; ${'('.repeat(50)}\n)`, 10],
    ['parentheses inside nested block comments', `(module (; (; ${'('.repeat(50)} ;) ;))`, 10],
    ['keywords used as identifiers or inside names', `(module (func $block ${'$block $loop $if '.repeat(50)}))`, 10],
    ['a folded if with then and else', '(module (func (if (i32.const 0) (then (nop)) (else (nop)))))', 10],
  ])('accepts %s', (_name, source, limit) => {
    expect(findExcessiveNesting(source, limit)).toBeUndefined();
  });

  it.each([
    ['folded blocks', folded(9), 1, 71],
    ['flat blocks', flat(9), 1, 63],
    ['mixed folded and flat', `(module (func ${'(block block '.repeat(5)}))`, 1, 67],
    ['unclosed parentheses on later lines', `\n\n  ${'('.repeat(20)}`, 3, 13],
    ['a string that never ends (it ends at the line break)', `(module (data "${'('.repeat(20)}\n${'('.repeat(20)}`, 2, 9],
    ['flat blocks after a folded block comment', `(; ; ;)\n${'block '.repeat(20)}`, 2, 61],
  ])('rejects %s with the place it goes too deep', (_name, source, line, column) => {
    expect(findExcessiveNesting(source, 10)).toEqual({ line, column, message: 'nesting deeper than 10 levels is not supported' });
  });

  it('counts as whitespace exactly what \\s matches', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isWhitespace(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code);
    expect(disagreements).toEqual([]);
  });

  it('scans a megabyte of text', () => {
    const source = `(module ${'(func (drop (i32.add (i32.const 1) (i32.const 2)))) ;; x\n'.repeat(16_000)})`;
    expect(findExcessiveNesting(source)).toBeUndefined();
  });
});
