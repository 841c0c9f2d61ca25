import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { useEditor } from '../editor-store';
import type { KodaEdge, KodaNode } from '../persisted';
import { boxAt, boxesInside, type OverviewBox, type OverviewScene } from './overview-scene';

/** Pointer travel (CSS pixels) before a press on a node becomes a drag. */
const DRAG_THRESHOLD = 3;

export interface OverviewPointerOptions {
  /** The overview is drawn (zoomed far out). */
  active: boolean;
  /** Select tool (a drag moves nodes); with Pan, React Flow pans. */
  selecting: boolean;
  readOnly: boolean;
  snapGrid: number | null;
  onNodeMenu: (event: MouseEvent, nodeId: string) => void;
  onZoomTo: (box: OverviewBox) => void;
  /** After a drag: ends the undo step (and drops nodes into or out of groups). */
  onDragEnd: (nodeIds: string[]) => void;
}

const editor = useEditor.getState;
type FlowState = ReactFlowState<KodaNode, KodaEdge>;

/** Makes exactly `ids` the selection (nodes), and unselects every edge. */
function select(ids: ReadonlySet<string>) {
  const nodeChanges = editor()
    .nodes.filter((n) => Boolean(n.selected) !== ids.has(n.id))
    .map((n) => ({ type: 'select' as const, id: n.id, selected: ids.has(n.id) }));
  if (nodeChanges.length) editor().onNodesChange(nodeChanges);
  const edgeChanges = editor()
    .edges.filter((e) => e.selected)
    .map((e) => ({ type: 'select' as const, id: e.id, selected: false }));
  if (edgeChanges.length) editor().onEdgesChange(edgeChanges);
}

const selectedIds = () =>
  new Set(
    editor()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id),
  );

/**
 * The overview's nodes are pictures, not elements, so this hook gives them the close-up view's
 * handling: click selects (⇧/⌘/Ctrl adds), a drag moves the selection, a double-click zooms to
 * the node, right-click opens its menu, and React Flow's selection box selects the boxes inside
 * it. Everything else (panning, zooming, clicks on the empty canvas) stays with React Flow.
 */
export function useOverviewPointer(
  area: RefObject<HTMLElement | null>,
  scene: RefObject<OverviewScene | null>,
  options: OverviewPointerOptions,
): void {
  const store = useStoreApi<KodaNode, KodaEdge>();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const root = area.current;
    if (!root) return;
    let spaceHeld = false;
    let swallowClick = false;
    /** The last press ended a drag: the browser may still call it a double-click (two presses). */
    let lastPressDragged = false;

    const flowPoint = (event: MouseEvent) => {
      const { domNode, transform } = store.getState();
      const bounds = domNode?.getBoundingClientRect() ?? { left: 0, top: 0 };
      const [tx, ty, zoom] = transform;
      return { x: (event.clientX - bounds.left - tx) / zoom, y: (event.clientY - bounds.top - ty) / zoom };
    };
    /** The box under the pointer, for events on this canvas itself (not panels or controls). */
    const hit = (event: MouseEvent): OverviewBox | null => {
      if (!latest.current.active || !scene.current) return null;
      const target = event.target;
      if (!(target instanceof Element) || !root.contains(target) || !target.closest('.react-flow__pane'))
        return null;
      return boxAt(scene.current, flowPoint(event));
    };

    const onPointerDown = (event: PointerEvent) => {
      const { selecting, readOnly, snapGrid, onDragEnd } = latest.current;
      if (event.button !== 0 || !selecting || spaceHeld || event.altKey) return;
      const box = hit(event);
      if (!box) return;
      // Ours, not React Flow's: no selection box, no pane click.
      event.stopPropagation();
      event.preventDefault();
      swallowClick = true;
      lastPressDragged = false;
      const additive = event.shiftKey || event.metaKey || event.ctrlKey;
      const start = flowPoint(event);
      const startScreen = { x: event.clientX, y: event.clientY };
      let moving: { id: string; x: number; y: number }[] | null = null;

      const move = (e: PointerEvent) => {
        if (readOnly) return;
        if (!moving) {
          if (Math.hypot(e.clientX - startScreen.x, e.clientY - startScreen.y) < DRAG_THRESHOLD) return;
          if (!box.selected && !additive) select(new Set([box.id]));
          else if (!box.selected) select(new Set([...selectedIds(), box.id]));
          const ids = selectedIds();
          // A member moves with its parent (its position is relative to it).
          const nodes = editor().nodes.filter((n) => ids.has(n.id) && !(n.parentId && ids.has(n.parentId)));
          moving = nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }));
          editor().beginGesture();
        }
        const at = flowPoint(e);
        const snap = (value: number) => (snapGrid ? Math.round(value / snapGrid) * snapGrid : value);
        editor().onNodesChange(
          moving.map((n) => ({
            type: 'position' as const,
            id: n.id,
            position: { x: snap(n.x + at.x - start.x), y: snap(n.y + at.y - start.y) },
            dragging: true,
          })),
        );
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
        if (moving) {
          lastPressDragged = true;
          const ids = moving.map((n) => n.id);
          editor().onNodesChange(
            editor()
              .nodes.filter((n) => ids.includes(n.id))
              .map((n) => ({ type: 'position' as const, id: n.id, position: n.position, dragging: false })),
          );
          onDragEnd(ids);
          return;
        }
        if (!additive) select(new Set([box.id]));
        else {
          const ids = selectedIds();
          if (box.selected) ids.delete(box.id);
          else ids.add(box.id);
          select(ids);
        }
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
    };

    const onClick = (event: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      event.stopPropagation();
    };
    const onDoubleClick = (event: MouseEvent) => {
      const box = hit(event);
      if (!box) return;
      if (lastPressDragged) {
        // A press and a drag, not a double-click; nor is it React Flow's (zoom in on the pane).
        event.stopPropagation();
        return;
      }
      event.stopPropagation();
      event.preventDefault();
      latest.current.onZoomTo(box);
    };
    const onContextMenu = (event: MouseEvent) => {
      const box = hit(event);
      if (!box) return;
      event.stopPropagation();
      event.preventDefault();
      latest.current.onNodeMenu(event, box.id);
    };
    const onHover = (event: PointerEvent) => {
      if (event.buttons !== 0) return;
      const over = latest.current.active && latest.current.selecting && hit(event) !== null;
      if (over !== root.hasAttribute('data-over-node')) root.toggleAttribute('data-over-node', over);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ' ') spaceHeld = event.type === 'keydown';
    };

    // React Flow draws the selection box; the boxes inside it are ours to select when it ends.
    let lastRect: FlowState['userSelectionRect'] = null;
    const unsubscribe = store.subscribe((next, prev) => {
      if (next.userSelectionActive && next.userSelectionRect) lastRect = next.userSelectionRect;
      if (!prev.userSelectionActive || next.userSelectionActive) return;
      const rect = lastRect;
      lastRect = null;
      if (!rect || !latest.current.active || !scene.current || rect.width <= 0 || rect.height <= 0) return;
      const [tx, ty, zoom] = next.transform;
      const inside = boxesInside(scene.current, {
        x: (rect.x - tx) / zoom,
        y: (rect.y - ty) / zoom,
        width: rect.width / zoom,
        height: rect.height / zoom,
      });
      select(new Set(inside.map((b) => b.id)));
    });

    // On the window, capturing: React runs the pane's own capture handlers (React Flow's selection
    // box starts in one) from its root element, before any listener on an element inside it.
    const listeners: [EventTarget, string, (event: never) => void, boolean][] = [
      [window, 'pointerdown', onPointerDown, true],
      [window, 'click', onClick, true],
      [window, 'dblclick', onDoubleClick, true],
      [window, 'contextmenu', onContextMenu, true],
      [root, 'pointermove', onHover, false],
      [window, 'keydown', onKey, false],
      [window, 'keyup', onKey, false],
    ];
    for (const [target, type, handler, capture] of listeners)
      target.addEventListener(type, handler as EventListener, capture);
    return () => {
      unsubscribe();
      for (const [target, type, handler, capture] of listeners)
        target.removeEventListener(type, handler as EventListener, capture);
      root.removeAttribute('data-over-node');
    };
  }, [area, scene, store]);
}
