/**
 * The events the Events tab lists, as indexes into the trace (the selection keeps the event, the timeline its
 * index): those of the playhead's round or of the whole run, of one group of kinds, mentioning one canister. A
 * canister is mentioned by an event's `canister`, `from`, `to` or `caller`, or by those of the call it belongs to
 * (so "alice's call to counter.inc completed" is counter's too). The round scope reads only the trace's tail.
 */
import type { TraceEventKind } from '../../engine/index.ts';
import type { EventFilter, EventGroup } from '../../state/eventFilter.ts';
import type { EventView } from '../../worker/protocol.ts';
import { originOf, type EventOrigins } from './eventContext.ts';

export const GROUP_OF: Readonly<Record<TraceEventKind, Exclude<EventGroup, 'all'>>> = {
  ingress_submitted: 'calls', ingress_refused: 'calls', ingress_inducted: 'calls', ingress_completed: 'calls',
  request_sent: 'calls', request_delivered: 'calls', response_sent: 'calls', response_delivered: 'calls',
  call_timed_out: 'calls', request_expired: 'calls', message_shed: 'calls', response_dropped: 'calls', management_call: 'calls', query_executed: 'calls',
  execution: 'executions', execution_slice: 'executions', execution_aborted: 'executions', trap_planned: 'executions',
  cycles_charged: 'cycles', cycles_refunded: 'cycles', cycles_topped_up: 'cycles',
  canister_created: 'lifecycle', code_installed: 'lifecycle', code_uninstalled: 'lifecycle', status_changed: 'lifecycle',
  settings_changed: 'lifecycle', canister_deleted: 'lifecycle', frozen_changed: 'lifecycle', playground_limit: 'lifecycle',
  snapshot_taken: 'lifecycle', snapshot_loaded: 'lifecycle', snapshot_deleted: 'lifecycle',
  chunk_uploaded: 'lifecycle', chunk_store_cleared: 'lifecycle',
  log: 'logs',
  round_started: 'rounds', iteration_started: 'rounds', round_finished: 'rounds', time_advanced: 'rounds', params_changed: 'rounds',
};

/** Round markers are left out of `all`: one pair per round would outnumber what happened in it. */
const ROUND_MARKERS: ReadonlySet<string> = new Set(['round_started', 'round_finished']);

export function filterEvents(events: readonly EventView[], filter: EventFilter, round: number, origins: EventOrigins): number[] {
  let first = 0;
  if (filter.scope === 'round') {
    first = events.length;
    while (first > 0 && events[first - 1].round === round) first--;
  }
  const matches: number[] = [];
  for (let i = first; i < events.length; i++) {
    const event = events[i];
    if (inGroup(event.kind, filter.group) && (filter.canister === null || mentions(event, filter.canister, origins))) matches.push(i);
  }
  return matches;
}

function inGroup(kind: string, group: EventGroup): boolean {
  if (group === 'all') return !ROUND_MARKERS.has(kind);
  return Object.hasOwn(GROUP_OF, kind) && GROUP_OF[kind as TraceEventKind] === group;
}

/** Unrolled: it runs for every event of a run on every change of the trace. */
function mentions(event: EventView, canister: string, origins: EventOrigins): boolean {
  if (event.canister === canister || event.from === canister || event.to === canister || event.caller === canister) return true;
  // An origin is an ingress submission or a request sent: it names its canisters by `from` and `to`.
  const origin = originOf(event, origins);
  return origin !== undefined && (origin.from === canister || origin.to === canister);
}
