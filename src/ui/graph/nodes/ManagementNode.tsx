/** The management canister (`aaaaa-aa`, "ic"): shows which methods it handled in the shown round. */
import type { NodeProps } from '@xyflow/react';
import type { ManagementFlowNode } from '../graphTypes.ts';
import { CentreHandles } from './CentreHandles.tsx';

export function ManagementNode({ data }: NodeProps<ManagementFlowNode>) {
  const calls = data.calls.length > 0 ? data.calls.join(', ') : null;
  return (
    <div className="cp-node cp-management" title={`Management canister ${data.principal}${calls ? `\nThis round: ${calls}` : ''}`}>
      <CentreHandles />
      <span className="cp-node-title">{data.name}</span>
      <span className="cp-node-sub">{data.principal}</span>
      {calls && <span className="cp-badge cp-badge-info">{calls}</span>}
    </div>
  );
}
