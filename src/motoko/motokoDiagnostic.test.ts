import { describe, expect, it } from 'vitest';
import { describeMotokoDiagnostic, fromMocDiagnostic, type MocDiagnostic } from './motokoDiagnostic.ts';

const raw = (severity: number, code?: string): MocDiagnostic => ({
  source: 'Lib.mo',
  range: { start: { line: 0, character: 34 }, end: { line: 2, character: 0 } },
  severity,
  code,
  message: 'literal of type\n  Nat\ndoes not have expected type\n  Text',
});

describe('[motoko/motokoDiagnostic]', () => {
  it.each([
    [1, 'error'],
    [2, 'warning'],
    [3, 'info'],
    [4, 'info'],
  ] as const)('severity %d is %s', (severity, expected) => {
    expect(fromMocDiagnostic(raw(severity)).severity).toBe(expected);
  });

  it('counts lines and columns from 1', () => {
    expect(fromMocDiagnostic(raw(1, 'M0050'))).toMatchObject({ file: 'Lib.mo', line: 1, column: 35, endLine: 3, endColumn: 1, code: 'M0050' });
  });

  it.each([
    [raw(1, 'M0050'), 'Lib.mo:1:35: literal of type Nat does not have expected type Text (M0050)'],
    [raw(1), 'Lib.mo:1:35: literal of type Nat does not have expected type Text'],
  ])('describes %# on one line', (diagnostic, expected) => {
    expect(describeMotokoDiagnostic(fromMocDiagnostic(diagnostic))).toBe(expected);
  });
});
