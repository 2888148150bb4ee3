import { describe, expect, it } from 'vitest';
import { describeExpectation, expectationSummary } from './describeExpectation.ts';
import type { StepReport } from '../../scenario/reportTypes.ts';

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

describe('[ui/calls/describeExpectation] the summary over every step so far', () => {
  const report = (status: StepReport['status'], ...passes: boolean[]): StepReport => ({
    step: 0, kind: 'call', status, expectations: passes.map((pass, i) => entry(pass, `f${i}`, 'x', pass ? 'x' : 'y')),
  });
  it.each<[StepReport[], string | null]>([
    [[{ step: 0, kind: 'call', status: 'replied' }], null],
    [[report('replied', true)], 'Expectations so far: 1 holds'],
    [[report('replied', true, true), report('rejected', false)], 'Expectations so far: 2 hold · 1 does not hold'],
    [[report('replied', false, false), report('pending', false, true)], 'Expectations so far: 2 do not hold · 2 not answered yet'],
  ])('%j → %s', (reports, summary) => {
    expect(expectationSummary(reports)).toBe(summary);
  });
});
