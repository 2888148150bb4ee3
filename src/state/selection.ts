import type { EventView } from '../worker/protocol.ts';

/** What the inspector shows: a canister, a user, or a message or event picked in the graph or the timeline. */
export type Selection = { readonly type: 'canister' | 'user' | 'message' | 'event'; readonly id: string; readonly event?: EventView };
