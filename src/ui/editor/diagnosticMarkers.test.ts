import { describe, expect, it } from 'vitest';
import { toMarkers } from './diagnosticMarkers.ts';

const ERROR = 8;
const SEVERITIES = { error: 8, warning: 4, info: 2 };
const text = '(module\n  (func $f\n    i32.add))';
const lines = text.split('\n');
const model = { getLineCount: () => lines.length, getLineMaxColumn: (line: number) => lines[line - 1].length + 1 };

describe('diagnostics as markers', () => {
  it.each([
    ['at its line and column', { line: 3, column: 5 }, { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 5 }],
    ['past the last line', { line: 9, column: 2 }, { startLineNumber: 3, startColumn: 2, endLineNumber: 3, endColumn: 2 }],
    ['past the line end', { line: 1, column: 40 }, { startLineNumber: 1, startColumn: 8, endLineNumber: 1, endColumn: 8 }],
    ['before the start', { line: 0, column: 0 }, { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }],
    ['not a number', { line: Number.NaN, column: 3 }, { startLineNumber: 1, startColumn: 3, endLineNumber: 1, endColumn: 3 }],
  ])('places a diagnostic %s', (_, at, range) => {
    expect(toMarkers(model, [{ ...at, message: 'type mismatch' }], SEVERITIES)).toEqual([
      { severity: ERROR, message: 'type mismatch', source: 'compiler', ...range },
    ]);
  });

  it('keeps every diagnostic, in order', () => {
    const markers = toMarkers(model, [{ line: 2, column: 3, message: 'a' }, { line: 1, column: 1, message: 'b' }], SEVERITIES);
    expect(markers.map((m) => m.message)).toEqual(['a', 'b']);
  });

  it.each([['error', 8], ['warning', 4], ['info', 2]] as const)('a %s is marked with its severity', (level, severity) => {
    expect(toMarkers(model, [{ line: 1, column: 1, message: 'm', severity: level }], SEVERITIES)[0].severity).toBe(severity);
  });
});
