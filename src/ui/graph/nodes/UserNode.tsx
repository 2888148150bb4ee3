/** A user (an ingress sender) on the graph. */
import type { NodeProps } from '@xyflow/react';
import type { UserFlowNode } from '../graphTypes.ts';
import { CentreHandles } from './CentreHandles.tsx';

export function UserNode({ data }: NodeProps<UserFlowNode>) {
  return (
    <div className="cp-node cp-user" title={`User ${data.name}\n${data.principal}`}>
      <CentreHandles />
      <span className="cp-node-title">{data.name}</span>
    </div>
  );
}
