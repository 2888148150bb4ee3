/**
 * What one call set in motion, for the console to point at in the graph and the timeline: the ingress message,
 * the executions that ran for it (its method, the calls that method made, the executions serving them, their
 * callbacks, recursively) and the messages between them. Read from the trace alone.
 */
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { EventView } from '../../worker/protocol.ts';
import { int, text } from '../graph/eventFields.ts';

export interface CallTrail {
  /** The ingress message's id (`ingress_submitted.messageId`). */
  readonly messageId: number;
  /** Indices (into the events) of the executions and management calls that ran for it. */
  readonly eventIndices: ReadonlySet<number>;
  /** The messages, as the graph and the timeline name them: `ingress:<n>`, `request:<n>`, `response:<n>`. */
  readonly messageIds: ReadonlySet<string>;
}

/** Events an execution's commit writes after its own event; anything else ends the run of requests it sent. */
const COMMIT_EVENTS: ReadonlySet<string> = new Set(['request_sent', 'cycles_charged', 'cycles_refunded', 'log', 'response_sent']);

function methodOf(step: Step | undefined): string | null {
  if (!step) return null;
  if ('call' in step) return step.call.method;
  if ('manage' in step) return step.manage.method;
  return null;
}

/**
 * The ingress message each call or management step submitted. Within a round the engine submits in step order,
 * so the k-th step calling `m` in round r is the k-th `ingress_submitted` of `m` in round r.
 */
export function ingressOfSteps(steps: readonly Step[], reports: readonly StepReport[], events: readonly EventView[]): Map<number, number> {
  const submitted = new Map<string, number[]>();
  for (const event of events) {
    if (event.kind !== 'ingress_submitted') continue;
    const key = `${event.round} ${text(event, 'method')}`;
    submitted.set(key, [...(submitted.get(key) ?? []), int(event, 'messageId')]);
  }
  const taken = new Map<string, number>();
  const result = new Map<number, number>();
  for (const report of reports) {
    const method = methodOf(steps[report.step]);
    if (method === null || report.submittedRound === undefined) continue;
    const key = `${report.submittedRound} ${method}`;
    const k = taken.get(key) ?? 0;
    const id = submitted.get(key)?.[k];
    taken.set(key, k + 1);
    if (id !== undefined) result.set(report.step, id);
  }
  return result;
}

export function callTrail(events: readonly EventView[], messageId: number): CallTrail {
  const eventIndices = new Set<number>();
  const messageIds = new Set([`ingress:${messageId}`]);
  const requests: number[] = [];
  const served = new Set<number>();
  const follow = (index: number) => {
    eventIndices.add(index);
    const canister = text(events[index], 'canister');
    for (let j = index + 1; j < events.length && COMMIT_EVENTS.has(events[j].kind); j++) {
      if (events[j].kind === 'request_sent' && text(events[j], 'from') === canister) requests.push(int(events[j], 'requestId'));
    }
  };
  events.forEach((event, index) => {
    if ((event.kind === 'execution' || event.kind === 'management_call') && event.messageId === messageId) follow(index);
  });
  while (requests.length > 0) {
    const requestId = requests.pop()!;
    if (served.has(requestId)) continue;
    served.add(requestId);
    messageIds.add(`request:${requestId}`).add(`response:${requestId}`);
    events.forEach((event, index) => {
      if (event.kind === 'execution' && event.requestId === requestId) follow(index);
    });
  }
  return { messageId, eventIndices, messageIds };
}
