import { describe, expect, it } from 'vitest';
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { EventView } from '../../worker/protocol.ts';
import { callTrail, ingressOfSteps } from './callTrail.ts';

const CALLER = 'caller-id';
const COUNTER = 'counter-id';

/** Two ingress calls as lesson 4 has them: caller.call → counter.inc → reply callback, then a second one. */
const EVENTS: EventView[] = [
  { kind: 'ingress_submitted', round: 0, messageId: 0, from: 'u', to: CALLER, method: 'call' },
  { kind: 'ingress_submitted', round: 0, messageId: 1, from: 'u', to: CALLER, method: 'call' },
  { kind: 'execution', round: 1, canister: CALLER, messageId: 0, requestId: null, context: 'update' }, // 2
  { kind: 'cycles_charged', round: 1, canister: CALLER },
  { kind: 'request_sent', round: 1, requestId: 0, from: CALLER, to: COUNTER, method: 'inc' },
  { kind: 'execution', round: 1, canister: CALLER, messageId: 1, requestId: null, context: 'update' }, // 5
  { kind: 'request_sent', round: 1, requestId: 1, from: CALLER, to: COUNTER, method: 'inc' },
  { kind: 'execution', round: 2, canister: COUNTER, messageId: null, requestId: 0, context: 'update' }, // 7
  { kind: 'response_sent', round: 2, requestId: 0, from: COUNTER, to: CALLER },
  { kind: 'execution', round: 2, canister: COUNTER, messageId: null, requestId: 1, context: 'update' }, // 9
  { kind: 'execution', round: 3, canister: CALLER, messageId: null, requestId: 0, context: 'reply_callback' }, // 10
  { kind: 'execution', round: 3, canister: CALLER, messageId: null, requestId: 1, context: 'reply_callback' }, // 11
  { kind: 'management_call', round: 4, method: 'stop_canister', caller: 'u', canister: CALLER, messageId: 2 }, // 12
  { kind: 'ingress_submitted', round: 3, messageId: 2, from: 'u', to: 'aaaaa-aa', method: 'stop_canister' },
];

describe('[ui/callTrail]', () => {
  it.each([
    ['the first call: its method, the request, the callee, the callback', 0, [2, 7, 10], ['ingress:0', 'request:0', 'response:0']],
    ['the second call, interleaved with the first', 1, [5, 9, 11], ['ingress:1', 'request:1', 'response:1']],
    ['a management call', 2, [12], ['ingress:2']],
    ['a message that never ran', 9, [], ['ingress:9']],
  ])('%s', (_name, messageId, executions, messages) => {
    const trail = callTrail(EVENTS, messageId);
    expect([...trail.eventIndices].sort((a, b) => a - b)).toEqual(executions);
    expect([...trail.messageIds].sort()).toEqual([...messages].sort());
  });

  it('matches steps to their ingress messages by round, method and order', () => {
    const steps: Step[] = [
      { call: { to: 'caller', method: 'call' } }, { call: { to: 'caller', method: 'call' } },
      { query: { to: 'caller', method: 'state' } }, { manage: { method: 'stop_canister', canister: 'caller' } },
    ] as Step[];
    const reports: StepReport[] = [
      { step: 0, kind: 'call', submittedRound: 0 }, { step: 1, kind: 'call', submittedRound: 0 },
      { step: 2, kind: 'query', submittedRound: 3 }, { step: 3, kind: 'manage', submittedRound: 3 },
    ];
    expect([...ingressOfSteps(steps, reports, EVENTS)]).toEqual([[0, 0], [1, 1], [3, 2]]);
  });
});
