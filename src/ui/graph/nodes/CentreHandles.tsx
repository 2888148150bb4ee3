/**
 * Every node has one invisible source and one target handle at its centre: React Flow needs handles to
 * draw an edge at all, but our edges compute their own border-to-border paths (edgeGeometry.ts), so where
 * the handles sit does not matter as long as it matches the `handles` toFlowElements declares.
 */
import { Handle, Position } from '@xyflow/react';

export function CentreHandles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="cp-handle" />
      <Handle type="source" position={Position.Top} isConnectable={false} className="cp-handle" />
    </>
  );
}
