import { describe, expect, it } from 'vitest';
import { sourceLanguage } from './sourceLanguage.ts';

describe('[ui/editor/sourceLanguage]', () => {
  it.each([
    ['(module)', 'wat'],
    [';; a counter\n;; in WAT\n(module\n  (memory 1))', 'wat'],
    ['(; block ;)\n  (module)', 'wat'],
    ['', 'wat'],
    ['actor { public func f() : async () {} }', 'motoko'],
    ['// a counter\npersistent actor Counter {\n}', 'motoko'],
    ['import Debug "mo:core/Debug";\nactor {}', 'motoko'],
    ['// only a comment so far', 'motoko'],
  ])('%j is %s', (text, language) => {
    expect(sourceLanguage(text)).toBe(language);
  });
});
