import { describe, expect, it } from 'vitest';
import type { CanisterView, EventView } from '../../worker/protocol.ts';
import { messageReceiver } from './messageReceiver.ts';

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
