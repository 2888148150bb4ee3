import { describe, expect, it } from 'vitest';
import { describeBytes, stepExpectations } from './stepExpectations.ts';
import type { StepReport } from './reportTypes.ts';
import type { StepExpectation } from './scenarioTypes.ts';

const hex = (text: string) => Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
/** `(42 : nat)` as Candid bytes. */
const NAT_42 = '4449444c00017d2a';

const replied = (reply: string, rounds: [number, number] = [1, 2]): StepReport => ({
  step: 3, kind: 'call', status: 'replied', reply, submittedRound: rounds[0], completedRound: rounds[1],
});
const rejected: StepReport = {
  step: 3, kind: 'call', status: 'rejected', rejectCode: 5, rejectMessage: 'Canister trapped: unreachable', errorCode: 'IC0502', submittedRound: 1, completedRound: 1,
};
const pending: StepReport = { step: 3, kind: 'call', status: 'pending', submittedRound: 1, completedRound: null };
const REJECTED = 'rejected (5 IC0502: Canister trapped: unreachable)';
const PENDING = 'pending: no response by the end of the run';

describe('[scenario/stepExpectations] each field, held and not', () => {
  it.each<[string, StepExpectation, StepReport, { what: string; pass: boolean; expected: string; seen: string }]>([
    ['status replied, replied', { status: 'replied' }, replied(''), { what: 'status', pass: true, expected: 'replied', seen: 'replied' }],
    ['status replied, rejected', { status: 'replied' }, rejected, { what: 'status', pass: false, expected: 'replied', seen: REJECTED }],
    ['status rejected, rejected', { status: 'rejected' }, rejected, { what: 'status', pass: true, expected: 'rejected', seen: 'rejected' }],
    ['status rejected, pending', { status: 'rejected' }, pending, { what: 'status', pass: false, expected: 'rejected', seen: PENDING }],
    ['reply text, the same bytes', { reply: { text: 'hi' } }, replied(hex('hi')), { what: 'reply', pass: true, expected: '"hi"', seen: '"hi"' }],
    ['reply text, other bytes', { reply: { text: 'hi' } }, replied(hex('ho')), { what: 'reply', pass: false, expected: '"hi"', seen: '"ho"' }],
    ['reply hex, the same bytes', { reply: { hex: '0300000000000000' } }, replied('0300000000000000'), { what: 'reply', pass: true, expected: '0x0300000000000000', seen: '0x0300000000000000' }],
    ['reply base64, the same bytes', { reply: { base64: 'AwAAAAAAAAA=' } }, replied('0300000000000000'), { what: 'reply', pass: true, expected: '0x0300000000000000', seen: '0x0300000000000000' }],
    ['reply hex, a byte more', { reply: { hex: '03' } }, replied('0300'), { what: 'reply', pass: false, expected: '0x03', seen: '0x0300' }],
    ['reply empty, empty', { reply: { text: '' } }, replied(''), { what: 'reply', pass: true, expected: 'empty', seen: 'empty' }],
    ['reply, but rejected', { reply: { text: 'hi' } }, rejected, { what: 'reply', pass: false, expected: '"hi"', seen: REJECTED }],
    ['reply, but pending', { reply: { hex: '01' } }, pending, { what: 'reply', pass: false, expected: '0x01', seen: PENDING }],
    ['reply Candid, annotated as the wire types', { reply: { candid: '(42 : nat)' } }, replied(NAT_42), { what: 'reply', pass: true, expected: '(42 : nat)', seen: '(42 : nat)' }],
    ['reply Candid, a lone value', { reply: { candid: '"hi"' } }, replied('4449444c00017102' + hex('hi')), { what: 'reply', pass: true, expected: '("hi")', seen: '("hi")' }],
    ['reply Candid, inferred as an int', { reply: { candid: '(42)' } }, replied(NAT_42), { what: 'reply', pass: false, expected: '(42)', seen: '(42 : nat)' }],
    ['reply Candid, another value', { reply: { candid: '(43 : nat)' } }, replied(NAT_42), { what: 'reply', pass: false, expected: '(43 : nat)', seen: '(42 : nat)' }],
    ['reply Candid, the reply is not Candid', { reply: { candid: '(42 : nat)' } }, replied(hex('42')), { what: 'reply', pass: false, expected: '(42 : nat)', seen: 'not Candid: "42"' }],
    ['reply Candid, not Candid text', { reply: { candid: '(42' } }, replied(NAT_42), { what: 'reply', pass: false, expected: '(42 is not Candid text: 1:4: expected ")" but found the end', seen: '(42 : nat)' }],
    ['rejectCode, the same', { rejectCode: 5 }, rejected, { what: 'rejectCode', pass: true, expected: '5', seen: '5' }],
    ['rejectCode, another', { rejectCode: 4 }, rejected, { what: 'rejectCode', pass: false, expected: '4', seen: '5' }],
    ['rejectCode, but replied', { rejectCode: 5 }, replied(''), { what: 'rejectCode', pass: false, expected: '5', seen: 'replied' }],
    ['errorCode, the same', { errorCode: 'IC0502' }, rejected, { what: 'errorCode', pass: true, expected: 'IC0502', seen: 'IC0502' }],
    ['errorCode, another', { errorCode: 'IC0503' }, rejected, { what: 'errorCode', pass: false, expected: 'IC0503', seen: 'IC0502' }],
    ['errorCode, a reject without one', { errorCode: 'IC0406' }, { ...rejected, rejectCode: 2, errorCode: null }, { what: 'errorCode', pass: false, expected: 'IC0406', seen: 'no error code' }],
    ['withinRounds, exactly', { withinRounds: 1 }, replied('', [4, 5]), { what: 'withinRounds', pass: true, expected: 'at most 1 round', seen: '1 round' }],
    ['withinRounds, in the same round', { withinRounds: 0 }, replied('', [4, 4]), { what: 'withinRounds', pass: true, expected: 'at most 0 rounds', seen: '0 rounds' }],
    ['withinRounds, later', { withinRounds: 2 }, replied('', [4, 9]), { what: 'withinRounds', pass: false, expected: 'at most 2 rounds', seen: '5 rounds' }],
    ['withinRounds, a reject counts as a response', { withinRounds: 0 }, rejected, { what: 'withinRounds', pass: true, expected: 'at most 0 rounds', seen: '0 rounds' }],
    ['withinRounds, pending', { withinRounds: 9 }, pending, { what: 'withinRounds', pass: false, expected: 'at most 9 rounds', seen: 'no response by the end of the run' }],
  ])('%s', (_, expectation, report, entry) => {
    expect(stepExpectations(expectation, report, 'f', null)).toEqual([{ step: 3, ...entry }]);
  });

  it('gives one entry per field, in the documented order', () => {
    const entries = stepExpectations({ withinRounds: 3, errorCode: 'IC0502', rejectCode: 5, status: 'rejected' }, rejected, 'f', null);
    expect(entries.map((e) => [e.what, e.pass])).toEqual([['status', true], ['rejectCode', true], ['errorCode', true], ['withinRounds', true]]);
  });
});

describe('[scenario/stepExpectations] bytes in words', () => {
  it.each([
    [new Uint8Array(0), 'empty'],
    [new TextEncoder().encode('héllo\tworld\n'), '"héllo\\tworld\\n"'],
    [new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]), '0x4449444c0000'],
    [new Uint8Array([0xff]), '0xff'],
    [new Uint8Array(70).fill(0xab), `0x${'ab'.repeat(64)}… (70 bytes)`],
    [new TextEncoder().encode('x'.repeat(65)), `"${'x'.repeat(64)}…" (65 bytes)`],
  ])('%j → %s', (bytes, words) => {
    expect(describeBytes(bytes)).toBe(words);
  });
});
