import { describe, expect, it } from 'vitest';
import type { TraceEventKind } from '../../engine/index.ts';
import { ALL_EVENTS, type EventFilter } from '../../state/eventFilter.ts';
import type { EventView } from '../../worker/protocol.ts';
import { eventOrigins } from './eventContext.ts';
import { filterEvents, GROUP_OF } from './filterEvents.ts';

/** A small run: alice calls caller, caller calls counter; counter logs; bob's call to other is refused. */
const EVENTS: readonly EventView[] = [
  /* 0 */ { kind: 'canister_created', round: 0, canister: 'counter', cycles: '1', controllers: ['alice'] },
  /* 1 */ { kind: 'ingress_submitted', round: 0, messageId: 0, from: 'alice', to: 'caller', method: 'call', argBytes: 0 },
  /* 2 */ { kind: 'round_started', round: 1, timeNs: '0' },
  /* 3 */ { kind: 'ingress_inducted', round: 1, messageId: 0, canister: 'caller' },
  /* 4 */ { kind: 'cycles_charged', round: 1, canister: 'caller', charge: 'execution', amount: '5' },
  /* 5 */ { kind: 'execution', round: 1, canister: 'caller', caller: 'alice', messageId: 0, requestId: null },
  /* 6 */ { kind: 'request_sent', round: 1, requestId: 0, from: 'caller', to: 'counter', method: 'inc' },
  /* 7 */ { kind: 'round_finished', round: 1, balances: [] },
  /* 8 */ { kind: 'round_started', round: 2, timeNs: '1' },
  /* 9 */ { kind: 'request_delivered', round: 2, requestId: 0, to: 'counter' },
  /* 10 */ { kind: 'log', round: 2, canister: 'counter', text: 'hi', trap: false },
  /* 11 */ { kind: 'response_delivered', round: 2, requestId: 0, to: 'caller' },
  /* 12 */ { kind: 'ingress_completed', round: 2, messageId: 0, response: { type: 'reply', bytes: 1 } },
  /* 13 */ { kind: 'ingress_refused', round: 2, messageId: 5, rejectCode: 3, errorCode: 'IC0301', message: 'no such canister' },
  /* 14 */ { kind: 'some_future_kind', round: 2 },
  /* 15 */ { kind: 'round_finished', round: 2, balances: [] },
];
const origins = eventOrigins(EVENTS);
const filter = (patch: Partial<EventFilter>, round = 2) => filterEvents(EVENTS, { ...ALL_EVENTS, ...patch }, round, origins);

describe('[ui/events] filterEvents', () => {
  it.each<[string, Partial<EventFilter>, number, number[]]>([
    ['this round, every kind but the round markers', {}, 2, [9, 10, 11, 12, 13, 14]],
    ['an earlier round reads nothing but the tail (the trace at the playhead ends with its round)', {}, 1, []],
    ['the whole run', { scope: 'run' }, 2, [0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14]],
    ['the round markers are their own group', { scope: 'run', group: 'rounds' }, 2, [2, 7, 8, 15]],
    ['calls and messages', { scope: 'run', group: 'calls' }, 2, [1, 3, 6, 9, 11, 12, 13]],
    ['executions', { scope: 'run', group: 'executions' }, 2, [5]],
    ['cycles', { scope: 'run', group: 'cycles' }, 2, [4]],
    ['lifecycle', { scope: 'run', group: 'lifecycle' }, 2, [0]],
    ['logs', { scope: 'run', group: 'logs' }, 2, [10]],
    // counter: by its own fields, and the delivery of the response to its call (the request names it).
    ['one canister, through the call an event belongs to', { scope: 'run', canister: 'counter' }, 2, [0, 6, 9, 10, 11]],
    // caller: the ingress completing is its (the submission names it), and its call reaching counter; the refused one not.
    ['one canister, through the ingress message an event belongs to', { scope: 'run', canister: 'caller' }, 2, [1, 3, 4, 5, 6, 9, 11, 12]],
    ['a canister and a group together', { scope: 'run', canister: 'counter', group: 'calls' }, 2, [6, 9, 11]],
    ['a canister nothing mentions', { scope: 'run', canister: 'nobody' }, 2, []],
  ])('%s', (_what, patch, round, expected) => {
    expect(filter(patch, round)).toEqual(expected);
  });

  it('puts every kind of the trace in a group (a kind missing from GROUP_OF does not type-check)', () => {
    const groups = new Set(Object.values(GROUP_OF satisfies Record<TraceEventKind, string>));
    expect([...groups].sort()).toEqual(['calls', 'cycles', 'executions', 'lifecycle', 'logs', 'rounds']);
  });
});
