import { describe, expect, it } from 'vitest';
import { continueScan } from './continueScan.ts';
import type { EventView } from '../../worker/protocol.ts';

const e = (round: number): EventView => ({ kind: 'round_started', round });
const a = [e(0), e(1), e(2)];

describe('[ui/graph/continueScan]', () => {
  it.each([
    ['nothing kept: start, keep', null, a, { from: 0, resume: false, keep: true }],
    ['the array appended to: resume after the kept events, keep', a, [...a, e(3)], { from: 3, resume: true, keep: true }],
    ['the same events in a new array: resume with nothing to read', a, [...a], { from: 3, resume: true, keep: true }],
    ['a prefix (scrubbing back): start, do not keep', a, a.slice(0, 2), { from: 0, resume: false, keep: false }],
    ['other events (a reset): start, keep', a, [e(0), e(1)], { from: 0, resume: false, keep: true }],
    ['an empty array: start, keep', a, [], { from: 0, resume: false, keep: true }],
  ] as const)('%s', (_name, kept, events, plan) => {
    expect(continueScan(kept, events)).toEqual(plan);
  });
});
