import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { KodaEdge, KodaNode } from '../persisted';
import { paintOverview } from './overview-paint';
import { readPalette } from './overview-palette';
import { buildOverviewScene, type OverviewScene } from './overview-scene';

type FlowState = ReactFlowState<KodaNode, KodaEdge>;

/** What changes the picture: the camera, the pane's size, the nodes and edges. */
const repaintNeeded = (next: FlowState, prev: FlowState) =>
  next.transform !== prev.transform ||
  next.nodes !== prev.nodes ||
  next.edges !== prev.edges ||
  next.width !== prev.width ||
  next.height !== prev.height;

/**
 * The zoomed-out canvas drawn on one `<canvas>` beneath React Flow's (empty) pane: the nodes are
 * hidden from React Flow at this zoom, so a 10,000-node canvas costs one bitmap, not thousands of
 * elements. Repaints at most once a frame, when the camera or the graph changes. Reports what it
 * drew in `data-drawn-nodes` / `data-drawn-edges` (the first paint and tests read them).
 */
export function OverviewLayer({ scene, theme }: { scene: RefObject<OverviewScene | null>; theme: string }) {
  const store = useStoreApi<KodaNode, KodaEdge>();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = readPalette(canvas);
    let builtFrom: { nodes: FlowState['nodes']; edges: FlowState['edges'] } | null = null;
    let frame = 0;

    const paint = () => {
      frame = 0;
      const state = store.getState();
      if (
        !builtFrom ||
        builtFrom.nodes !== state.nodes ||
        builtFrom.edges !== state.edges ||
        !scene.current
      ) {
        scene.current = buildOverviewScene(state.nodeLookup, state.edges);
        builtFrom = { nodes: state.nodes, edges: state.edges };
      }
      const dpr = window.devicePixelRatio || 1;
      const width = Math.round(state.width * dpr);
      const height = Math.round(state.height * dpr);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      const counts = paintOverview(
        ctx,
        scene.current,
        { transform: state.transform, width: state.width, height: state.height, devicePixelRatio: dpr },
        palette,
      );
      canvas.dataset.drawnNodes = String(counts.nodes);
      canvas.dataset.drawnEdges = String(counts.edges);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint);
    };

    schedule();
    const unsubscribe = store.subscribe((next, prev) => {
      if (repaintNeeded(next, prev)) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      scene.current = null;
    };
  }, [store, scene, theme]);

  return (
    <canvas ref={canvasRef} className="overview-layer" data-testid="overview-layer" aria-hidden="true" />
  );
}
