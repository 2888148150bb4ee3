import { describe, expect, it } from 'vitest';
import { describeVerdict } from './describeVerdict.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';

const steps: Step[] = [
  { call: { to: 'bank', method: 'withdraw', label: 'one withdrawal' } },
  { query: { to: 'bank', method: 'balance' } },
];

describe('describeVerdict', () => {
  it('solved when every expectation holds', () => {
    const text = describeVerdict({ ok: true, limitReached: null, expectations: [
      { step: 0, what: 'status', pass: true, expected: 'replied', seen: 'replied' },
      { check: 0, when: 'everyRound', what: 'constant sum of bank.balance + ledger.paid', label: 'no money is made', pass: true, expected: 'the sum 10', seen: 'the sum 10 (0 + 10)', round: 6 },
    ] }, steps);
    expect(text).toEqual({
      solved: true,
      headline: '✓ Solved: all 2 hold.',
      lines: [
        { pass: true, text: '“one withdrawal”: holds: status replied' },
        { pass: true, text: 'no money is made: has held at every round so far (constant sum of bank.balance + ledger.paid): the sum 10 (0 + 10)' },
      ],
    });
  });

  it('not yet, with what was seen', () => {
    const text = describeVerdict({ ok: true, limitReached: null, expectations: [
      { step: 1, what: 'reply', pass: false, expected: '0x05', seen: '0x00' },
      { step: 0, what: 'status', pass: true, expected: 'replied', seen: 'replied' },
    ] }, steps);
    expect(text.solved).toBe(false);
    expect(text.headline).toBe('Not yet: 1 of 2 hold.');
    expect(text.lines[0]).toEqual({ pass: false, text: 'bank.balance: does not hold: reply expected 0x05, seen 0x00' });
  });

  it('says why the code could not be played', () => {
    expect(describeVerdict({ ok: false, error: 'canister "bank": WAT line 3:1: unexpected token' }, steps))
      .toEqual({ solved: false, headline: 'Your code could not be played: canister "bank": WAT line 3:1: unexpected token', lines: [] });
  });

  it('nothing to judge is not solved', () => {
    expect(describeVerdict({ ok: true, limitReached: null, expectations: [] }, steps).solved).toBe(false);
  });
});
