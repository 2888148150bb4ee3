import { describe, expect, it } from 'vitest';
import { parseWabtErrors } from './parseWabtErrors.ts';

describe('parseWabtErrors', () => {
  it.each([
    [
      'one error with its source line and carets',
      'parseWat failed:\nf.wat:2:3: error: unexpected token bar.\n (bar))\n  ^^^\n',
      '(module\n (bar))',
      [{ line: 2, column: 3, message: 'unexpected token bar.' }],
    ],
    [
      'an error without a source line',
      'parseWat failed:\nf.wat:1:3: error: unexpected char\n',
      '(m\0',
      [{ line: 1, column: 3, message: 'unexpected char' }],
    ],
    [
      'a source line that itself looks like an error header',
      'parseWat failed:\nf.wat:1:1: error: unexpected token\nf.wat:9:9: error: fake\n^^^^^\n',
      'f.wat:9:9: error: fake',
      [{ line: 1, column: 1, message: 'unexpected token' }],
    ],
    [
      'warnings, dropped',
      'parseWat failed:\nf.wat:1:1: error: EOF in block comment\n(;\n^^\nf.wat:1:1: warning: empty module\n(;\n^^\n',
      '(;',
      [{ line: 1, column: 1, message: 'EOF in block comment' }],
    ],
    [
      'a byte column after multi-byte characters',
      'parseWat failed:\nf.wat:1:12: error: x\n',
      '"é中😀" (',
      [{ line: 1, column: 7, message: 'x' }],
    ],
    [
      'a column past the end of the line',
      'parseWat failed:\nf.wat:1:8: error: unexpected token "EOF"\n',
      '(module',
      [{ line: 1, column: 8, message: 'unexpected token "EOF"' }],
    ],
    [
      'nothing recognisable',
      'toBinary failed.',
      '',
      [{ line: 1, column: 1, message: 'the WAT compiler failed without a message' }],
    ],
    [
      'an unexpected message',
      'validate failed:\nsomething odd',
      '',
      [{ line: 1, column: 1, message: 'something odd' }],
    ],
  ])('parses %s', (_name, message, source, expected) => {
    expect(parseWabtErrors(message, 'f.wat', source)).toEqual(expected);
  });
});
