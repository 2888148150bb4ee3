/**
 * A message on the graph. While it travels, a dot moves along the path (SVG `animateMotion`); once it sits
 * in its receiver's queue the dot waits at the arrow head; in the round it is done the head pulses. An
 * ingress call whose execution has run but whose reply waits on further calls is drawn dashed. Labels are
 * plain text (method names and reject messages come from canisters).
 */
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { edgeGeometry, type Rect } from '../edgeGeometry.ts';
import type { GraphNode, MessageFlowEdge } from '../graphTypes.ts';

/** Read once: SMIL animations ignore the CSS media query, so the motion is switched off here instead. */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function rectOf(node: InternalNode<GraphNode>): Rect {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

export function MessageEdge({ id, source, target, data, markerEnd, selected }: EdgeProps<MessageFlowEdge>) {
  const sourceNode = useInternalNode<GraphNode>(source);
  const targetNode = useInternalNode<GraphNode>(target);
  if (!sourceNode || !targetNode || !data) return null;
  const g = edgeGeometry(rectOf(sourceNode), rectOf(targetNode), data.parallelIndex, data.parallelCount, data.bendSign, source === target);
  const moving = data.phase === 'in-flight';
  return (
    <>
      <BaseEdge
        id={id}
        path={g.path}
        markerEnd={markerEnd}
        interactionWidth={18}
        style={{
          stroke: data.color,
          strokeWidth: selected ? 3.5 : data.count > 1 ? 3 : 2,
          strokeDasharray: data.phase === 'awaiting' || data.dropped ? '6 4' : undefined,
          opacity: data.phase === 'awaiting' ? 0.6 : 1,
        }}
      />
      {moving && !reducedMotion && (
        <circle r={5} fill={data.color} className="cp-message-dot">
          <animateMotion dur="1.4s" repeatCount="indefinite" path={g.path} />
        </circle>
      )}
      {moving && reducedMotion && <circle r={5} cx={g.labelX} cy={g.labelY} fill={data.color} />}
      {data.phase === 'delivered' && <circle r={4} cx={g.endX} cy={g.endY} fill={data.color} />}
      {data.phase === 'arrived' && <circle r={7} cx={g.endX} cy={g.endY} fill={data.color} className="cp-arrival" />}
      <EdgeLabelRenderer>
        <div
          className={`cp-edge-label cp-edge-${data.phase}${selected ? ' cp-edge-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${g.labelX}px, ${g.labelY}px)`, borderColor: data.color }}
          title={data.detail}
        >
          {data.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
