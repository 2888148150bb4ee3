/**
 * The canister graph: React Flow over `toFlowElements`. Nodes and edges are derived from the props on every
 * change (style-anchors §9.4 rule 13); the only state kept here is where a node is while it is being
 * dragged, handed to `onMove` when the drag ends, so the owner of `positions` stays the single source.
 */
import { useCallback, useMemo, useState } from 'react';
import {
  Background, Controls, ReactFlow, ReactFlowProvider, type EdgeMouseHandler, type EdgeTypes, type NodeChange, type NodeMouseHandler,
  type NodeTypes, type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import type { EventView, SubnetView } from '../../worker/protocol.ts';
import type { SelectedTrail } from '../../state/selection.ts';
import { MessageEdge } from './edges/MessageEdge.tsx';
import type { XY } from './graphLayout.ts';
import type { GraphNode, GraphSelection, MessageFlowEdge } from './graphTypes.ts';
import { CanisterNode } from './nodes/CanisterNode.tsx';
import { ManagementNode } from './nodes/ManagementNode.tsx';
import { UserNode } from './nodes/UserNode.tsx';
import { toFlowElements } from './toFlowElements.ts';
import { MarkGraphShown } from './MarkGraphShown.tsx';
import { useExecutionCandid } from './useExecutionCandid.ts';
import { FitViewOnChange } from './FitViewOnChange.tsx';
import { ZoomBar } from './ZoomBar.tsx';

// At module scope: React Flow re-mounts every node when these objects change identity (its error002).
const nodeTypes = { canister: CanisterNode, user: UserNode, management: ManagementNode } satisfies NodeTypes;
const edgeTypes = { message: MessageEdge } satisfies EdgeTypes;
/**
 * Small subnets are drawn larger than life; big ones shrink to fit, except in presentation mode, where the graph
 * is never zoomed out below 1 (its labels stay 18 px or more on the projector) and a big subnet is panned instead.
 */
const FIT_VIEW = { padding: 0.12, maxZoom: 1.4, minZoom: 0.1 };
const FIT_VIEW_LARGE = { padding: 0.12, maxZoom: 1.4, minZoom: 1 };

export interface CanisterGraphProps {
  readonly view: SubnetView;
  readonly events: readonly EventView[];
  /** The round whose messages are drawn (normally `view.round`). */
  readonly round: number;
  /** Positions the user dragged nodes to, by node id. */
  readonly positions: Readonly<Record<string, XY>>;
  readonly onMove: (id: string, position: XY) => void;
  readonly onSelect: (selection: GraphSelection) => void;
  /** Presentation mode: larger nodes and text, never zoomed out below 1. */
  readonly large?: boolean;
  /** A call picked in the console: its messages are drawn selected. */
  readonly trail?: SelectedTrail;
}

export function CanisterGraph({ view, events, round, positions, onMove, onSelect, large = false, trail }: CanisterGraphProps) {
  const highlight = trail?.messageIds;
  const decode = useExecutionCandid();
  const elements = useMemo(() => toFlowElements(view, events, { round, positions, large, highlight, decode }), [view, events, round, positions, large, highlight, decode]);
  const fit = large ? FIT_VIEW_LARGE : FIT_VIEW;
  // Positions mid-drag. Kept apart from `elements` so a drag does not re-derive the messages on every frame.
  const [dragging, setDragging] = useState<Readonly<Record<string, XY>>>({});
  const nodes = useMemo(
    () => elements.nodes.map((n) => (dragging[n.id] ? { ...n, position: dragging[n.id] } : n)),
    [elements.nodes, dragging],
  );
  const nodeKey = useMemo(() => `${large ? 'large ' : ''}${elements.nodes.map((n) => n.id).join(' ')}`, [elements.nodes, large]);

  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    const moves: Record<string, XY> = {};
    for (const change of changes) {
      if (change.type === 'position' && change.position && change.dragging) moves[change.id] = change.position;
    }
    if (Object.keys(moves).length > 0) setDragging((previous) => ({ ...previous, ...moves }));
  }, []);

  const onNodeDragStop = useCallback<OnNodeDrag<GraphNode>>((_event, _node, dragged) => {
    for (const node of dragged) onMove(node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
    setDragging({});
  }, [onMove]);

  const onNodeClick = useCallback<NodeMouseHandler<GraphNode>>((_event, node) => {
    onSelect({ type: node.type === 'user' ? 'user' : 'canister', id: node.id });
  }, [onSelect]);

  // Keyboard: Tab reaches a node (React Flow makes them focusable), Enter or Space shows it in the inspector.
  const onKeyDown = useCallback((event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    const node = element ? elements.nodes.find((n) => n.id === element.dataset.id) : undefined;
    if (!node || node.type === 'management') return;
    event.preventDefault();
    onSelect({ type: node.type === 'user' ? 'user' : 'canister', id: node.id });
  }, [elements.nodes, onSelect]);

  const onEdgeClick = useCallback<EdgeMouseHandler<MessageFlowEdge>>((_event, edge) => {
    const event = edge.data ? events[edge.data.eventIndex] : undefined;
    onSelect({ type: 'message', id: edge.id, ...(event && { event }) });
  }, [onSelect, events]);

  return (
    <ReactFlowProvider>
      <div className={large ? 'cp-graph cp-graph-large' : 'cp-graph'} onKeyDown={onKeyDown}>
        <ReactFlow<GraphNode, MessageFlowEdge>
          nodes={nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          onNodeClick={onNodeClick}
          onEdgeClick={onEdgeClick}
          nodesConnectable={false}
          edgesReconnectable={false}
          deleteKeyCode={null}
          // Space would pan: React Flow cancels it everywhere but in inputs, and Monaco's editing surface is none.
          panActivationKeyCode={null}
          fitView
          fitViewOptions={fit}
          minZoom={0.1}
        >
          <Background gap={24} />
          {!large && <Controls showInteractive={false} />}
          <FitViewOnChange nodeKey={nodeKey} {...fit} />
          <MarkGraphShown empty={nodes.length === 0} />
        </ReactFlow>
        {large && <ZoomBar fit={fit} />}
      </div>
    </ReactFlowProvider>
  );
}
