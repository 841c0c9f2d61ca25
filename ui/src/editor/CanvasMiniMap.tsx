import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { XYMinimap, type XYMinimapInstance } from '@xyflow/system';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useEditor } from './editor-store';
import { minimapShapes } from './minimap-shapes';
import type { NodeKind } from '../canvas/node-specs';

const WIDTH = 176;
const HEIGHT = 118;
/** Margin around the content, in minimap pixels. */
const OFFSET = 5;

const FILL: Record<NodeKind | 'other', string> = {
  text: 'var(--kind-prompt)',
  imageGenerator: 'var(--kind-image)',
  videoGenerator: 'var(--kind-video)',
  media: 'var(--kind-media)',
  musicGenerator: 'var(--kind-audio)',
  speech: 'var(--kind-audio)',
  videoAudio: 'var(--kind-audio)',
  storyboard: 'var(--kind-plan)',
  productShot: 'var(--kind-plan)',
  stickyNote: 'var(--note-yellow)',
  sticker: 'var(--note-orange)',
  group: 'none',
  pluginNode: 'var(--kind-plugin)',
  other: 'var(--text-faint)',
};

interface View {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  panZoom: ReactFlowState['panZoom'];
  translateExtent: ReactFlowState['translateExtent'];
}

const viewOf = (s: ReactFlowState): View => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
  panZoom: s.panZoom,
  translateExtent: s.translateExtent,
});
const sameView = (a: View, b: View) =>
  a.x === b.x &&
  a.y === b.y &&
  a.zoom === b.zoom &&
  a.width === b.width &&
  a.height === b.height &&
  a.panZoom === b.panZoom &&
  a.translateExtent === b.translateExtent;

/**
 * The minimap, drawn as one SVG path per node kind. React Flow's own draws a component (and a
 * store subscription) per node, which costs more than the canvas itself on a 2,000-node canvas.
 * Pans and zooms like React Flow's (same `XYMinimap` behaviour) and uses its CSS classes.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap() {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const nodes = useEditor((s) => s.nodes);
  const shapes = useMemo(() => minimapShapes(nodes), [nodes]);
  const view = useStore(viewOf, sameView);

  // What the camera sees, in flow coordinates, and everything the minimap must show.
  const seen = {
    x: -view.x / view.zoom,
    y: -view.y / view.zoom,
    width: view.width / view.zoom,
    height: view.height / view.zoom,
  };
  const content = shapes.bounds ?? seen;
  const left = Math.min(content.x, seen.x);
  const top = Math.min(content.y, seen.y);
  const right = Math.max(content.x + content.width, seen.x + seen.width);
  const bottom = Math.max(content.y + content.height, seen.y + seen.height);
  const scale = Math.max((right - left) / WIDTH, (bottom - top) / HEIGHT, 1e-6);
  const offset = OFFSET * scale;
  const boxWidth = WIDTH * scale + offset * 2;
  const boxHeight = HEIGHT * scale + offset * 2;
  const boxX = left - (WIDTH * scale - (right - left)) / 2 - offset;
  const boxY = top - (HEIGHT * scale - (bottom - top)) / 2 - offset;

  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const minimap = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    const panZoom = store.getState().panZoom;
    if (!svg.current || !panZoom) return;
    minimap.current = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => scaleRef.current,
    });
    return () => {
      minimap.current?.destroy();
      minimap.current = null;
    };
  }, [store, view.panZoom]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent: view.translateExtent,
      width: view.width,
      height: view.height,
      pannable: true,
      zoomable: true,
      zoomStep: 1,
      inversePan: false,
    });
  }, [view.translateExtent, view.width, view.height, view.panZoom]);

  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap"
      data-testid="minimap"
      style={{ width: WIDTH, height: HEIGHT }}
    >
      <svg
        ref={svg}
        className="react-flow__minimap-svg"
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${boxX} ${boxY} ${boxWidth} ${boxHeight}`}
        role="img"
        aria-label="Minimap"
      >
        {(Object.keys(shapes.paths) as (NodeKind | 'other')[]).map((kind) => (
          <path
            key={kind}
            d={shapes.paths[kind]}
            fill={FILL[kind]}
            stroke={kind === 'group' ? 'var(--kind-group)' : 'none'}
            strokeWidth={kind === 'group' ? 1.2 : 0}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={
            `M${boxX - offset},${boxY - offset}h${boxWidth + offset * 2}v${boxHeight + offset * 2}` +
            `h${-boxWidth - offset * 2}z M${seen.x},${seen.y}h${seen.width}v${seen.height}h${-seen.width}z`
          }
          fillRule="evenodd"
          fill="var(--minimap-mask)"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
});
