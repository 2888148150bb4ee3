import { describe, expect, it } from 'vitest';
import { describeExpectation } from './describeExpectation.ts';

const entry = (pass: boolean, what: string, expected: string, seen: string) => ({ step: 2, what, pass, expected, seen });

describe('[ui/calls/describeExpectation] an expectation in the results', () => {
  it.each([
    [entry(true, 'status', 'replied', 'replied'), false, { state: 'held', mark: '✓', text: 'holds: status replied' }],
    [entry(true, 'withinRounds', 'at most 2 rounds', '1 round'), false, { state: 'held', mark: '✓', text: 'holds: withinRounds at most 2 rounds (1 round)' }],
    [entry(false, 'reply', '"2"', '0x0200000000000000'), false, { state: 'not-held', mark: '✗', text: 'does not hold: reply expected "2", seen 0x0200000000000000' }],
    [entry(false, 'status', 'replied', 'pending: no response by the end of the run'), true, { state: 'waiting', mark: '…', text: 'expects status replied: not answered yet' }],
  ])('%j (pending: %s)', (report, pending, shown) => {
    expect(describeExpectation(report, pending)).toEqual(shown);
  });
});
