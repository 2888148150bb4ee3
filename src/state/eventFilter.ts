/**
 * What the event list shows (the Events tab): the playhead's round or the whole run, one canister or all, one
 * group of kinds or all. Part of the open workspace (a canister id means nothing in the next one).
 */
export type EventScope = 'round' | 'run';

/** Kinds of events a learner looks for together; `all` is every kind but the round markers. */
export type EventGroup = 'all' | 'calls' | 'executions' | 'cycles' | 'lifecycle' | 'logs' | 'rounds';

export interface EventFilter {
  readonly scope: EventScope;
  /** A canister id, or null for every canister. */
  readonly canister: string | null;
  readonly group: EventGroup;
}

export const ALL_EVENTS: EventFilter = { scope: 'round', canister: null, group: 'all' };
