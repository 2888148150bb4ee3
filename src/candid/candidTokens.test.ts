import { describe, expect, it } from 'vitest';
import { tokenize } from './candidTokens.ts';

const kinds = (text: string) => tokenize(text).map((t) => (t.kind === 'text' ? `text:${[...t.bytes].join(',')}` : t.kind === 'end' ? 'end' : `${t.kind}:${t.text}`));

describe('[candid/candidTokens]', () => {
  it.each([
    ['words, symbols and the arrow', 'f : (nat) -> ();', ['id:f', 'symbol::', 'symbol:(', 'id:nat', 'symbol:)', 'symbol:->', 'symbol:(', 'symbol:)', 'symbol:;', 'end']],
    ['numbers: signed, hex, grouped, floats', '-5 +0x2A 1_000 1.5e-3', ['number:-5', 'number:+0x2A', 'number:1_000', 'number:1.5e-3', 'end']],
    ['comments skipped, nested ones too', '// x\n/* a /* b */ c */ y', ['id:y', 'end']],
    ['text escapes as bytes', '"a\\n\\"\\ff\\u{e9}"', ['text:97,10,34,255,195,169', 'end']],
    ['a func reference', 'func "aaaaa-aa".go', ['id:func', 'text:97,97,97,97,97,45,97,97', 'symbol:.', 'id:go', 'end']],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['an unclosed text', '"abc', /1:1: a text literal is not closed/],
    ['a bad escape', '"\\q"', /unknown escape \\q/],
    ['a stray character', 'a\n  #', /2:3: unexpected character "#"/],
  ])('refuses %s, naming line:column', (_name, text, message) => {
    expect(() => tokenize(text)).toThrow(message);
  });
});
