/**
 * The graph's zoom buttons in presentation mode: a bar under the graph instead of React Flow's controls over it.
 * There the graph is never zoomed out below 1 to fit (`CanisterGraph`), so on a small pane (1024×768 with the code
 * open) the nodes reach its corners and the controls covered a canister's badge. Rendered inside the graph's
 * `ReactFlowProvider`.
 */
import { useReactFlow, type FitViewOptions } from '@xyflow/react';

export function ZoomBar({ fit }: { fit: FitViewOptions }) {
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  return (
    <div className="cp-zoom-bar" role="group" aria-label="Zoom the graph">
      <button type="button" onClick={() => void zoomIn()} aria-label="Zoom in" title="Zoom in">+</button>
      <button type="button" onClick={() => void zoomOut()} aria-label="Zoom out" title="Zoom out">−</button>
      <button type="button" onClick={() => void fitView(fit)} title="Fit the graph in view">Fit</button>
    </div>
  );
}
