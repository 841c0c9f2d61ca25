import { useEffect, useRef, useState, type RefObject } from 'react';
import { edgesCut, type Point } from './edge-cut';

interface EdgeCutterProps {
  /** The canvas area (React Flow inside it). */
  area: RefObject<HTMLDivElement | null>;
  /** Screen → flow coordinates (React Flow's `screenToFlowPosition`). */
  toFlow: (point: Point) => Point;
  /** Removes the cut connections (one undo step). */
  onCut: (edgeIds: string[]) => void;
  /** Off on a read-only canvas. */
  enabled: boolean;
  /** Edges painted rather than drawn as elements (the zoomed-out overview), as path data. */
  paintedEdges?: () => readonly { id: string; d: string }[];
}

/** Where a cut may start: the empty canvas or an edge, never a node, a panel or a control. */
const START_ON = '.react-flow__pane, .react-flow__edge, .react-flow__edges, .react-flow__renderer';
const NEVER_ON =
  '.react-flow__node, .react-flow__panel, .react-flow__controls, .react-flow__minimap, .palette, .tool-toggle';
const MARK = 'is-cut-target';

/** The edges React Flow drew (those in view), with their path in flow coordinates. */
function drawnEdges(root: HTMLElement): { id: string; d: string; element: Element }[] {
  return [...root.querySelectorAll('.react-flow__edge[data-id]')].flatMap((element) => {
    const d = element.querySelector('path.react-flow__edge-path')?.getAttribute('d');
    return d ? [{ id: element.getAttribute('data-id')!, d, element }] : [];
  });
}

/**
 * Cuts connections like a knife: hold ⌥ (Alt) and drag a line across them on the canvas; the
 * edges it crosses are marked while dragging and removed on release. Draws the line.
 */
export function EdgeCutter({ area, toFlow, onCut, enabled, paintedEdges }: EdgeCutterProps) {
  const [line, setLine] = useState<{ from: Point; to: Point } | null>(null);
  const [armed, setArmed] = useState(false);
  const latest = useRef({ toFlow, onCut, enabled, paintedEdges });
  useEffect(() => {
    latest.current = { toFlow, onCut, enabled, paintedEdges };
  });

  useEffect(() => {
    const root = area.current;
    if (!root) return;
    let start: Point | null = null;
    let hits: string[] = [];

    const mark = (ids: readonly string[]) => {
      const wanted = new Set(ids);
      for (const edge of root.querySelectorAll(`.react-flow__edge.${MARK}`))
        if (!wanted.has(edge.getAttribute('data-id') ?? '')) edge.classList.remove(MARK);
      for (const { id, element } of drawnEdges(root)) if (wanted.has(id)) element.classList.add(MARK);
    };
    const local = (event: PointerEvent): Point => {
      const box = root.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    };
    const crossed = (event: PointerEvent) => {
      const a = latest.current.toFlow(start!);
      const b = latest.current.toFlow({ x: event.clientX, y: event.clientY });
      return edgesCut(a, b, [...drawnEdges(root), ...(latest.current.paintedEdges?.() ?? [])]);
    };
    const onMove = (event: PointerEvent) => {
      if (!start) return;
      event.preventDefault();
      hits = crossed(event);
      mark(hits);
      const box = root.getBoundingClientRect();
      setLine({ from: { x: start.x - box.left, y: start.y - box.top }, to: local(event) });
    };
    const finish = (event: PointerEvent) => {
      if (!start) return;
      hits = crossed(event);
      start = null;
      mark([]);
      setLine(null);
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', finish, true);
      window.removeEventListener('pointercancel', cancel, true);
      if (hits.length > 0) latest.current.onCut(hits);
    };
    const cancel = () => {
      start = null;
      mark([]);
      setLine(null);
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', finish, true);
      window.removeEventListener('pointercancel', cancel, true);
    };
    const onDown = (event: PointerEvent) => {
      if (!latest.current.enabled || !event.altKey || event.button !== 0) return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.closest(START_ON) || target.closest(NEVER_ON)) return;
      // React Flow must not pan, draw a selection box or drag: the gesture is ours.
      event.preventDefault();
      event.stopPropagation();
      start = { x: event.clientX, y: event.clientY };
      hits = [];
      window.addEventListener('pointermove', onMove, true);
      window.addEventListener('pointerup', finish, true);
      window.addEventListener('pointercancel', cancel, true);
    };
    const swallowMouse = (event: MouseEvent) => {
      if (
        start ||
        (latest.current.enabled &&
          event.altKey &&
          event.button === 0 &&
          event.target instanceof Element &&
          event.target.closest(START_ON) &&
          !event.target.closest(NEVER_ON))
      ) {
        event.stopPropagation();
      }
    };
    const onKey = (event: KeyboardEvent) => setArmed(event.altKey && latest.current.enabled);
    const disarm = () => setArmed(false);
    root.addEventListener('pointerdown', onDown, true);
    root.addEventListener('mousedown', swallowMouse, true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    window.addEventListener('blur', disarm);
    return () => {
      cancel();
      root.removeEventListener('pointerdown', onDown, true);
      root.removeEventListener('mousedown', swallowMouse, true);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      window.removeEventListener('blur', disarm);
    };
  }, [area]);

  useEffect(() => {
    const root = area.current;
    if (!root) return;
    // The cursor says a cut is possible while ⌥ is held over the canvas.
    if (armed || line) root.setAttribute('data-cutting', line ? 'active' : 'armed');
    else root.removeAttribute('data-cutting');
  }, [area, armed, line]);

  if (!line) return null;
  return (
    <svg className="edge-cutter" aria-hidden="true" data-testid="edge-cutter">
      <line x1={line.from.x} y1={line.from.y} x2={line.to.x} y2={line.to.y} />
      <circle cx={line.from.x} cy={line.from.y} r="3" />
    </svg>
  );
}
