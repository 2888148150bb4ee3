/**
 * [ui/graph] What a message carried, for the tooltips: mo-04's caller awaits the counter's `inc`; the request
 * shows its argument, the response the counter's reply, the ingress call the caller's answer, each typed by the
 * interface of the canister that received the call (here a made-up one whose `inc` returns `reserved`, to see whose is used).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/index.ts';
import { nodeMotokoCompiler } from '../../motoko/nodeMotokoCompiler.ts';
import type { EventView } from '../../worker/protocol.ts';
import { runInline, type InlineScenario } from '../../../tests/helpers/runInline.ts';
import { collectMessages, type MessageFlight } from './messageFlights.ts';
import { candidOfCanisters, messagePayload } from './messagePayload.ts';
import { executionCandid } from '../inspector/executionCandid.ts';
import { messageDetail } from './messageStyle.ts';

let events: readonly EventView[] = [];
let flights: readonly MessageFlight[] = [];
let ids: Record<string, string> = {};

beforeAll(async () => {
  const report = await runInline(LESSONS.find((l) => l.id === 'mo-04-await')!.scenario as InlineScenario, { motoko: nodeMotokoCompiler() });
  events = report.events as unknown as EventView[];
  flights = collectMessages(events);
  ids = report.principals;
}, 120_000);

const COUNTER_SAYS_RESERVED = { service: 'service : { inc : () -> (reserved); get : () -> (nat) query }', args: null };

describe('[ui/graph] messagePayload', () => {
  it.each([
    ['the request to inc: its argument', 'request', 'inc', null, { arg: '()', reply: null }],
    ['the reply to it, by the wire types', 'response-reply', 'inc', null, { arg: null, reply: '(1 : nat)' }],
    ['the reply to it, by the counter\'s interface', 'response-reply', 'inc', COUNTER_SAYS_RESERVED, { arg: null, reply: '(null)' }],
    ['the request, by the counter\'s interface', 'request', 'inc', COUNTER_SAYS_RESERVED, { arg: '()', reply: null }],
    ['the ingress call to callCounter: its argument and the caller\'s answer', 'ingress', 'callCounter', COUNTER_SAYS_RESERVED,
      { arg: '()', reply: '("counter replied: count = 1")' }],
  ])('%s', (_what, kind, method, counterCandid, expected) => {
    const flight = flights.find((f) => f.kind === kind && f.method === method)!;
    const candidOf = candidOfCanisters([{ id: ids.counter, candid: counterCandid }, { id: ids.caller, candid: null }]);
    expect(messagePayload(flight, events, candidOf, executionCandid)).toEqual(expected);
  });

  it('a message nobody ran carries nothing it can show: the trap\'s reject, an answer from the system', () => {
    const rejected = flights.find((f) => f.kind === 'ingress' && f.method === 'callThenTrap')!;
    expect(messagePayload(rejected, events, () => null, executionCandid).reply).toBeNull();
  });

  it('the tooltip says it', () => {
    const reply = flights.find((f) => f.kind === 'response-reply' && f.method === 'inc')!;
    expect(messageDetail(reply, messagePayload(reply, events, () => null, executionCandid))).toContain('\nreply (1 : nat)');
  });

  it('before the decoder has loaded, the tooltip says what it can without Candid', () => {
    const reply = flights.find((f) => f.kind === 'response-reply' && f.method === 'inc')!;
    expect(messagePayload(reply, events, () => null, null)).toEqual({ arg: null, reply: null });
    expect(messageDetail(reply, messagePayload(reply, events, () => null, null))).not.toContain('\nreply (');
  });
});
