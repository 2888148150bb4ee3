import type { EventView } from '../worker/protocol.ts';

/** What one call set in motion (`ui/calls/callTrail.ts`): its executions' event indices, its messages' ids. */
export interface SelectedTrail {
  readonly eventIndices: ReadonlySet<number>;
  readonly messageIds: ReadonlySet<string>;
}

/**
 * What the inspector shows: a canister, a user, a message or event picked in the graph or the timeline, or a call
 * picked in the console, whose trail the graph and the timeline highlight.
 */
export type Selection = {
  readonly type: 'canister' | 'user' | 'message' | 'event' | 'call';
  readonly id: string;
  readonly event?: EventView;
  readonly trail?: SelectedTrail;
};
