/**
 * The node and edge types of the canister graph: what `toFlowElements` produces and the custom node and
 * edge components read. Node data are `type` aliases (not interfaces) because React Flow requires
 * `Record<string, unknown>`-compatible data.
 */
import type { Edge, Node } from '@xyflow/react';
import type { CanisterView, EventView } from '../../worker/protocol.ts';
import type { MessageKind, MessagePhase } from './messageFlights.ts';

export type CanisterNodeData = {
  name: string;
  principal: string;
  /** `missing`: a principal messages were sent to that is not (or never was) a canister on the subnet. */
  status: CanisterView['status'] | 'missing';
  frozen: boolean;
  empty: boolean;
  /** Formatted ("100T"); `cyclesExact` is the decimal string for the tooltip. */
  cycles: string;
  cyclesExact: string;
  /** The balance's change in the shown round (decimal, signed; "0" when none), or null when not known. */
  cyclesChange: string | null;
  /** A long message between slices: "3/14", and which entry point. */
  paused: string | null;
  pausedEntryPoint: string | null;
  /** A trap planned for its next call (the `trap` step's what-if): the method, "" for any update call; null when none. */
  plannedTrap: string | null;
  queueLength: number;
  openCallContexts: number;
  outstandingCalls: number;
  /** The trap message of an execution on this canister in the shown round (canister text: render as text). */
  trap: string | null;
  /** Executions on this canister in the shown round. */
  executions: number;
};

export type UserNodeData = {
  name: string;
  principal: string;
};

export type ManagementNodeData = {
  name: string;
  principal: string;
  /** Management methods handled in the shown round. */
  calls: readonly string[];
};

export type CanisterFlowNode = Node<CanisterNodeData, 'canister'>;
export type UserFlowNode = Node<UserNodeData, 'user'>;
export type ManagementFlowNode = Node<ManagementNodeData, 'management'>;
export type GraphNode = CanisterFlowNode | UserFlowNode | ManagementFlowNode;

export type MessageEdgeData = {
  kind: MessageKind;
  phase: MessagePhase;
  /** Short text on the edge (method, cycles, refund, reject code). */
  label: string;
  /** Long text for the tooltip. */
  detail: string;
  /** Stroke colour: the kind's, or red for a trap or reject, grey when dropped. */
  color: string;
  trapped: boolean;
  dropped: boolean;
  /** Messages drawn between the same two nodes in the shown round, and this one's place among them. */
  parallelIndex: number;
  parallelCount: number;
  /** +1 when source < target (by id), else -1: bends are measured on the pair's canonical direction so a
   * request and its response curve apart instead of onto each other. */
  bendSign: 1 | -1;
  sentRound: number;
  endRound: number | null;
  /** Index in the events of the event that sent it (the first one, for a bundle). */
  eventIndex: number;
  /** Messages this edge stands for: 1, or more for a bundle of alike messages between the same two nodes. */
  count: number;
};

export type MessageFlowEdge = Edge<MessageEdgeData, 'message'>;

/** What a click on the graph selects. The management canister is selected as canister `aaaaa-aa`. */
export interface GraphSelection {
  readonly type: 'canister' | 'user' | 'message';
  /** Canister or user principal, or a message id (`ingress:<n>`, `request:<n>`, `response:<n>`, `timeout:<n>`). */
  readonly id: string;
  /** For a message: the event that sent it, for the inspector. */
  readonly event?: EventView;
}
