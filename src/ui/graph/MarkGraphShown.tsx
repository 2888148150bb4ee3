/**
 * Tells the view store when the graph is first drawn (its nodes measured, so visible), for what waits for it
 * (`afterFirstGraph`). Rendered inside `<ReactFlow>`, whose store it reads. A graph with no nodes is drawn at once.
 */
import { useEffect } from 'react';
import { useNodesInitialized } from '@xyflow/react';
import { viewStore } from '../../state/viewStore.ts';

export function MarkGraphShown({ empty }: { readonly empty: boolean }) {
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!initialized && !empty) return undefined;
    // The frame after: the nodes are painted, not only laid out.
    const frame = requestAnimationFrame(() => {
      if (!viewStore.getState().graphShown) viewStore.getState().setGraphShown();
    });
    return () => cancelAnimationFrame(frame);
  }, [initialized, empty]);
  return null;
}
