import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalEdit } from './minimalEdit.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const apply = (text: string, edit: { start: number; end: number; text: string }): string =>
  text.slice(0, edit.start) + edit.text + text.slice(edit.end);

describe('minimal edit', () => {
  it.each([
    ['abc', 'abc', { start: 3, end: 3, text: '' }],
    ['abc', 'abXc', { start: 2, end: 2, text: 'X' }],
    ['abXc', 'abc', { start: 2, end: 3, text: '' }],
    ['(module)', '(module (memory 1))', { start: 7, end: 7, text: ' (memory 1)' }],
    ['', 'new', { start: 0, end: 0, text: 'new' }],
    ['old', '', { start: 0, end: 3, text: '' }],
    ['aaa', 'aa', { start: 2, end: 3, text: '' }],
    ['x😀y', 'x😃y', { start: 1, end: 3, text: '😃' }],
  ])('%j → %j', (before, after, edit) => {
    expect(minimalEdit(before, after)).toEqual(edit);
    expect(apply(before, minimalEdit(before, after))).toBe(after);
  });

  it('always turns the old text into the new one without splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
        const edit = minimalEdit(before, after);
        expect(apply(before, edit)).toBe(after);
        expect(edit.text).not.toMatch(LONE_SURROGATE);
      }),
    );
  });
});
