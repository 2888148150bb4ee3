import { describe, expect, it } from 'vitest';
import { cursorContext, ic0ImportIds, offsetAt, positionAt, wordAt } from './watText.ts';
import { atCursor } from './testSupport.ts';

describe('positions and offsets', () => {
  const text = 'ab\ncde\n\nf';
  it.each([
    [{ lineNumber: 1, column: 1 }, 0],
    [{ lineNumber: 1, column: 3 }, 2],
    [{ lineNumber: 2, column: 1 }, 3],
    [{ lineNumber: 2, column: 4 }, 6],
    [{ lineNumber: 3, column: 1 }, 7],
    [{ lineNumber: 4, column: 2 }, 9],
  ])('%o is offset %i and back', (position, offset) => {
    expect(offsetAt(text, position)).toBe(offset);
    expect(positionAt(text, offset)).toEqual(position);
  });

  it('clamps positions past a line end or the text end', () => {
    expect(offsetAt(text, { lineNumber: 1, column: 99 })).toBe(2);
    expect(offsetAt(text, { lineNumber: 9, column: 1 })).toBe(text.length);
  });
});

describe('cursor context', () => {
  it.each([
    ['(mod|ule)', 'code'],
    ['|;; comment', 'code'],
    [';|; comment', 'comment'],
    [';; comment|', 'comment'],
    [';; comment\n|(module)', 'code'],
    ['(; block |;)', 'comment'],
    ['(; block ;)|', 'code'],
    ['(; a (; nested ;) still | ;)', 'comment'],
    ['(; a (; nested ;) done ;) |', 'code'],
    ['"|abc"', 'string'],
    ['"abc|"', 'string'],
    ['"abc"|', 'code'],
    ['|"abc"', 'code'],
    ['"a\\"b|"', 'string'],
    ['";; not a comment|"', 'string'],
    ['"(; not a comment" |', 'code'],
    ['"unterminated\n|(module)', 'code'],
    ['"unterminated|', 'string'],
  ])('%s is %s', (marked, kind) => {
    const { text, position } = atCursor(marked);
    expect(cursorContext(text, offsetAt(text, position)).kind).toBe(kind);
  });

  it('gives the extent of a string', () => {
    const { text, position } = atCursor('(export "canister_up|date inc")');
    expect(cursorContext(text, offsetAt(text, position))).toEqual({ kind: 'string', contentStart: 9, contentEnd: 28, closed: true });
  });
});

describe('words', () => {
  it.each([
    ['(call $msg_re|ply)', '$msg_reply'],
    ['(call $msg_reply|)', '$msg_reply'],
    ['i32.a|dd', 'i32.add'],
    ['( | )', undefined],
  ])('%s has word %s', (marked, word) => {
    const { text, position } = atCursor(marked);
    expect(wordAt(text, offsetAt(text, position))?.word).toBe(word);
  });
});

describe('ic0 import ids', () => {
  it('maps each $id to its ic0 name, across line breaks', () => {
    const text = '(import "ic0" "msg_reply" (func $reply))\n(import "ic0" "debug_print"\n  (func $print (param i32 i32)))\n(import "env" "x" (func $x))';
    expect([...ic0ImportIds(text)]).toEqual([['$reply', 'msg_reply'], ['$print', 'debug_print']]);
  });
});
