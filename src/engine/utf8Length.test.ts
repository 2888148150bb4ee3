import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8Length.ts';

describe('utf8Length', () => {
  it.each(['', 'inc', 'canister_update inc', 'é', 'ü€', '😀', 'a😀b', '\ud800', '\udc00x', '\ud800\ud800', 'x\u0000y', '\u07ff\u0800\uffff'])(
    'counts %j as TextEncoder encodes it',
    (text) => {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});
