import { describe, expect, it } from 'vitest';
import type { CanisterView, EventView } from '../../worker/protocol.ts';
import { messageMethod, messageReceiver } from './messageReceiver.ts';
import { eventOrigins } from '../events/eventContext.ts';

const callee = { id: 'rrkah-fqaaa-aaaaa-aaaaq-cai', name: 'callee', status: 'running' } as CanisterView;
const gone = { id: 'ryjl3-tyaaa-aaaaa-aaaba-cai', name: 'gone', status: 'deleted' } as CanisterView;
const event = (kind: string, fields: Record<string, unknown>) => ({ kind, round: 1, ...fields }) as EventView;

describe('[whatIf/messageReceiver] the canister a selected message goes to', () => {
  it.each<[string, EventView | null, CanisterView | null]>([
    ['a request sent', event('request_sent', { from: 'x', to: callee.id }), callee],
    ['a request delivered', event('request_delivered', { to: callee.id }), callee],
    ['an ingress message submitted', event('ingress_submitted', { to: callee.id }), callee],
    ['an ingress message inducted', event('ingress_inducted', { canister: callee.id }), callee],
    ['a call to the management canister', event('ingress_submitted', { to: 'aaaaa-aa' }), null],
    ['a deleted receiver', event('request_sent', { to: gone.id }), null],
    ['an execution (not a message on its way)', event('execution', { canister: callee.id }), null],
    ['nothing selected', null, null],
  ])('%s', (_, selected, expected) => {
    expect(messageReceiver(selected, [callee, gone])).toBe(expected);
  });
});

describe('[whatIf/messageMethod] the method a selected message calls', () => {
  const sent = event('request_sent', { requestId: 4, from: 'x', to: callee.id, method: 'inc' });
  const submitted = event('ingress_submitted', { messageId: 7, from: 'alice', to: callee.id, method: 'peek' });
  const trace = [submitted, event('request_sent', { requestId: 3, to: callee.id, method: 'other' }), sent];
  it.each<[string, EventView | null, string | null]>([
    ['a request sent: its own', sent, 'inc'],
    ['a request delivered: its request\'s', event('request_delivered', { requestId: 4, to: callee.id }), 'inc'],
    ['an ingress message submitted: its own', submitted, 'peek'],
    ['an ingress message inducted: its submission\'s', event('ingress_inducted', { messageId: 7, canister: callee.id }), 'peek'],
    ['a delivery whose request is not in the trace', event('request_delivered', { requestId: 9, to: callee.id }), null],
    ['not a message on its way', event('execution', { canister: callee.id, method: 'inc' }), null],
    ['nothing selected', null, null],
  ])('%s', (_, selected, expected) => {
    expect(messageMethod(selected, eventOrigins(trace))).toBe(expected);
  });
});
