/**
 * Keeps the whole graph in view: React Flow fits the view once, at mount; this fits it again whenever the set
 * of nodes changes (a lesson opened, a canister created) or the pane changes size (presentation mode, a
 * resized window). Dragging and zooming by hand are left alone until one of those happens. Rendered inside
 * `<ReactFlow>`, whose store it uses.
 */
import { useEffect, useRef } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';

export interface FitViewOnChangeProps {
  /** Changes when the set of nodes changes (their ids, joined). */
  readonly nodeKey: string;
  readonly padding: number;
  readonly maxZoom: number;
  readonly minZoom: number;
}

export function FitViewOnChange({ nodeKey, padding, maxZoom, minZoom }: FitViewOnChangeProps) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const last = useRef('');
  useEffect(() => {
    const key = `${nodeKey}|${width}x${height}`;
    if (width === 0 || height === 0 || key === last.current) return;
    last.current = key;
    void fitView({ padding, maxZoom, minZoom });
  }, [nodeKey, width, height, padding, maxZoom, minZoom, fitView]);
  return null;
}
