import { describe, expect, it } from 'vitest';
import { checkSummary, describeCheckReport } from './describeCheckReport.ts';
import type { CheckExpectationReport } from '../../scenario/reportTypes.ts';

const report = (fields: Partial<CheckExpectationReport>): CheckExpectationReport => ({
  check: 0, when: 'end', what: 'canister bank', pass: true, expected: 'status running', seen: 'status running', round: 7, ...fields,
});

describe('describeCheckReport', () => {
  it.each([
    [report({}), { pass: true, mark: '✓', title: 'canister bank', text: 'holds now', failedAt: null }],
    [report({ seen: 'status running; 5 cycles', expected: 'at least 1 cycles' }), { text: 'holds now: status running; 5 cycles' }],
    [report({ when: 'everyRound' }), { text: 'has held at every round so far', failedAt: null }],
    [report({ pass: false, seen: 'status stopped' }), { mark: '✗', text: 'does not hold now: expected status running, seen status stopped', failedAt: null }],
    [report({ pass: false, when: 'everyRound', round: 4, label: 'stays up', seen: 'status stopped' }),
      { title: 'stays up', text: 'failed in round 4 (canister bank): expected status running, seen status stopped', failedAt: 4 }],
  ])('%j', (entry, expected) => {
    expect(describeCheckReport(entry)).toMatchObject(expected);
  });
});

describe('checkSummary', () => {
  it.each([
    [[], 'none'],
    [[report({})], '1 holds'],
    [[report({}), report({ pass: false }), report({ pass: false })], '1 holds · 2 fail'],
    [[report({ pass: false })], '1 fails'],
  ])('%#', (reports, summary) => {
    expect(checkSummary(reports)).toBe(summary);
  });
});
