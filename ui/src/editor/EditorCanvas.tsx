import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type OnMove,
  type OnSelectionChangeFunc,
  type ReactFlowState,
} from '@xyflow/react';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import type { Viewport } from '../bindings/Viewport';
import { useApp, useProvider } from '../app/app-store';
import { resolveTheme } from '../app/theme';
import { Icon } from '../components/Icon';
import { Menu } from '../components/Menu';
import { AddNodeToolbar } from './AddNodeToolbar';
import { CanvasMiniMap } from './CanvasMiniMap';
import { isValidConnection } from './connection-rules';
import { useEditor } from './editor-store';
import { absolutePositionIn } from './groups';
import { contextMenuItems, type ContextMenuState } from './context-menu-items';
import { NODE_DRAG_TYPE } from './node-menu-items';
import { MEDIA_DRAG_TYPE, mediaNodeData, readDraggedMedia } from './media-drag';
import { useGeneration } from '../generation/generation-store';
import { estimatedSize, isNodeKind, naturalSize, type NodeKind } from '../canvas/node-specs';
import { edgeDataType, resolveHandle } from '../canvas/handles';
import { storeMediaFile } from './media-file';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import { nodeTypes } from './nodes';
import { findFreeSpot } from './placement';
import type { KodaEdge, KodaNode } from './persisted';
import { reparentDropped } from './reparent';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useEditorMenu } from '../app/menu-targets';
import { EdgeCutter } from './edge-cutter';
import { ToolToggle } from './ToolToggle';
import { flowPropsFor, useTool } from './tools';
import { detailLevelAt } from './detail-level';
import { fitViewport } from './initial-viewport';
import { handlesFor } from '../canvas/handle-geometry';
import { useFirstPaint } from './use-first-paint';
import { installCanvasTestHooks } from './test-hooks';
import { OverviewLayer } from './overview/OverviewLayer';
import { edgePathData, type OverviewScene } from './overview/overview-scene';
import { useOverviewPointer } from './overview/use-overview-pointer';

/**
 * What React Flow gets for a node: the stored node plus drawing details that are never saved.
 * - React Flow lifts edges that touch a node inside a group to z 1, above top-level nodes at z 0;
 *   drawing top-level nodes at z 1 too keeps every edge beneath every node.
 * - Its handles (`handlesFor`), so React Flow can route edges without mounting the node first.
 * - A size where it has none (Koda web stores none on creation): its natural width (and height
 *   for text and groups, which keep theirs in data), and an estimated height for culling until
 *   it is measured.
 * Cached per node object, so unchanged nodes keep their identity (React Flow skips them).
 */
const drawn = new WeakMap<KodaNode, KodaNode>();
function forDrawing(node: KodaNode): KodaNode {
  let copy = drawn.get(node);
  if (!copy) {
    copy = { ...node, handles: handlesFor(node) };
    if (node.type !== 'group' && node.zIndex === undefined) copy.zIndex = 1;
    if (node.width === undefined || node.height === undefined) {
      const natural = naturalSize(node.type, node.data);
      if (node.width === undefined) copy.width = natural.width;
      if (node.height === undefined && natural.height !== undefined) copy.height = natural.height;
      if (copy.height === undefined) copy.initialHeight = estimatedSize(node).height;
    }
    drawn.set(node, copy);
  }
  return copy;
}

/**
 * Zoomed far out, React Flow keeps every node (positions, sizes, selection, fit view) but draws
 * none: the overview layer paints them all on one canvas. Cached like `forDrawing`.
 */
const hiddenForOverview = new WeakMap<KodaNode, KodaNode>();
function forOverview(node: KodaNode): KodaNode {
  let copy = hiddenForOverview.get(node);
  if (!copy) {
    copy = { ...forDrawing(node), hidden: true };
    hiddenForOverview.set(node, copy);
  }
  return copy;
}

/** Edge types React Flow draws itself; others (Koda web's `deletable`) are drawn as the default curve. */
const BUILT_IN_EDGE_TYPES = new Set(['default', 'straight', 'step', 'smoothstep', 'simplebezier']);

/**
 * Edges as drawn: each end on a handle its node draws (`resolveHandle`: an edge naming a handle
 * the node does not draw goes to a fallback one, the stored edge keeps its ids), coloured by the
 * data it carries (a stroke colour Koda web stores in `style` is not drawn). Cached per edge while
 * its ends resolve the same, so unchanged edges keep their identity.
 */
const drawnEdges = new WeakMap<KodaEdge, KodaEdge>();
function edgesForDrawing(edges: readonly KodaEdge[], nodes: readonly KodaNode[]): KodaEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return edges.map((edge) => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) return edge;
    const sourceHandle = resolveHandle(source.type, source.data, 'source', edge.sourceHandle);
    const targetHandle = resolveHandle(target.type, target.data, 'target', edge.targetHandle);
    const className = `edge--${edgeDataType(source.type, source.data, edge.sourceHandle) ?? 'default'}`;
    const cached = drawnEdges.get(edge);
    if (
      cached &&
      cached.sourceHandle === sourceHandle &&
      cached.targetHandle === targetHandle &&
      cached.className === className
    )
      return cached;
    const copy: KodaEdge = { ...edge, sourceHandle, targetHandle, className };
    if (edge.type && !BUILT_IN_EDGE_TYPES.has(edge.type)) copy.type = undefined;
    if (edge.style?.stroke !== undefined) copy.style = { ...edge.style, stroke: undefined };
    drawnEdges.set(edge, copy);
    return copy;
  });
}

// Handlers and options React Flow gets are module constants or memoised: a new function or array
// on every render would be pushed into React Flow's store and re-render the whole graph.
const editor = useEditor.getState;
const onNodesChange = (changes: NodeChange<KodaNode>[]) => editor().onNodesChange(changes);
const onEdgesChange = (changes: EdgeChange<KodaEdge>[]) => editor().onEdgesChange(changes);
const onConnect = (connection: Connection) => editor().connect(connection);
const isValidFlowConnection = (connection: Connection | Edge) =>
  isValidConnection(connection, editor().nodes, editor().edges);
const onMoveEnd: OnMove = (_, next) => editor().setViewport(next);
const beginGesture = () => editor().beginGesture();
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const FIT = { minZoom: 0.1, maxZoom: 1, padding: 0.2 };
/** Closest the background's dots come on screen (CSS pixels) before they are left out. */
const MIN_DOT_SPACING = 6;
/** Nodes hidden from React Flow for the overview still count when fitting the view. */
const FIT_VIEW = { ...FIT, includeHiddenNodes: true };
/** Null until React Flow has applied the start viewport. */
const detailLevelOf = (s: ReactFlowState) => (s.panZoom ? detailLevelAt(s.transform[2]) : null);

export const EditorCanvas = memo(function EditorCanvas({ onPainted }: { onPainted?: () => void }) {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const settings = useApp((s) => s.settings);
  const provider = useProvider();
  const flow = useReactFlow<KodaNode, KodaEdge>();
  const area = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const openShortcuts = useCallback(() => useEditor.getState().setShortcutsOpen(true), []);
  const readOnly = useEditor((s) => s.readOnly);
  const tool = useTool((s) => s.tool);
  const liveDetailLevel = useStore(detailLevelOf);
  // Far out the grid's dots crowd into a grey haze that costs a full-window pattern per frame.
  const gridSize = settings.canvas.gridSize;
  const dotsShown = useStore(
    useCallback((s: ReactFlowState) => s.transform[2] * gridSize >= MIN_DOT_SPACING, [gridSize]),
  );
  const overviewScene = useRef<OverviewScene | null>(null);
  useFirstPaint(area, nodes.length, onPainted ?? noop);

  // The stored viewport, or one that fits every node, known before the first render: a big
  // canvas is then laid out once, at its final zoom.
  const [startViewport, setStartViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const { viewport, nodes: loaded } = useEditor.getState();
    const pane = area.current?.getBoundingClientRect() ?? {
      width: window.innerWidth,
      height: window.innerHeight,
    };
    setStartViewport(viewport ?? fitViewport(loaded, pane, FIT));
  }, []);
  // Until React Flow has the start viewport, its zoom decides: a big canvas opening zoomed out
  // is handed to React Flow hidden once, not drawn as elements first.
  const detailLevel = liveDetailLevel ?? detailLevelAt(startViewport?.zoom ?? 1);
  const overview = detailLevel === 'overview';

  // What is on screen, for "Export → PNG of the view".
  useEffect(() => {
    useEditor.setState({
      currentView: () => {
        const pane = area.current?.getBoundingClientRect();
        if (!pane) return null;
        const { x, y, zoom } = flow.getViewport();
        return { x: -x / zoom, y: -y / zoom, width: pane.width / zoom, height: pane.height / zoom };
      },
    });
    return () => useEditor.setState({ currentView: () => null });
  }, [flow]);

  useEffect(
    () =>
      installCanvasTestHooks({
        zoom: () => flow.getZoom(),
        nodeScreenRect: (id) => {
          const node = flow.getInternalNode(id);
          if (!node) return null;
          const { x, y } = node.internals.positionAbsolute;
          const size = {
            width: node.measured.width ?? node.width ?? node.initialWidth ?? 0,
            height: node.measured.height ?? node.height ?? node.initialHeight ?? 0,
          };
          const topLeft = flow.flowToScreenPosition({ x, y });
          const bottomRight = flow.flowToScreenPosition({ x: x + size.width, y: y + size.height });
          return {
            x: topLeft.x,
            y: topLeft.y,
            width: bottomRight.x - topLeft.x,
            height: bottomRight.y - topLeft.y,
          };
        },
      }),
    [flow],
  );

  // History → "open its node": select it and bring it into view.
  const focus = useGeneration((s) => s.focus);
  useEffect(() => {
    if (!focus || !startViewport || focus.canvasId !== editor().canvasId) return;
    useGeneration.getState().clearFocus();
    const target = editor().nodes.find((n) => n.id === focus.nodeId);
    if (!target) {
      showToast({ message: 'That node is no longer on this canvas.' });
      return;
    }
    editor().setNodes(
      editor().nodes.map((n) =>
        n.id === target.id
          ? n.selected
            ? n
            : { ...n, selected: true }
          : n.selected
            ? { ...n, selected: false }
            : n,
      ),
    );
    // Centred at a readable zoom, from its stored position and size: a node out of view is not
    // drawn (so not measured), which fitView would skip. After React Flow has the selection
    // (clearing the request re-runs this effect, so no cleanup).
    const { x, y } = absolutePositionIn(editor().nodes)(target);
    const size = {
      width: target.measured?.width ?? estimatedSize(target).width,
      height: target.measured?.height ?? estimatedSize(target).height,
    };
    const zoom = Math.min(1, Math.max(0.6, flow.getZoom()));
    setTimeout(
      () => void flow.setCenter(x + size.width / 2, y + size.height / 2, { zoom, duration: 280 }),
      60,
    );
  }, [focus, startViewport, flow]);

  const renderedNodes = useMemo(() => nodes.map(overview ? forOverview : forDrawing), [nodes, overview]);
  const renderedEdges = useMemo(() => edgesForDrawing(edges, nodes), [edges, nodes]);
  const snapGrid = useMemo<[number, number]>(
    () => [settings.canvas.gridSize, settings.canvas.gridSize],
    [settings.canvas.gridSize],
  );

  const addAt = useCallback((kind: NodeKind, flowPosition: { x: number; y: number }, centred: boolean) => {
    const size = estimatedSize({ type: kind });
    const position = centred
      ? { x: flowPosition.x - size.width / 2, y: flowPosition.y - size.height / 2 }
      : flowPosition;
    editor().addNode(kind, position);
  }, []);

  const rectOf = useCallback(
    (id: string) => {
      const internal = flow.getInternalNode(id);
      if (!internal) return null;
      const { x, y } = internal.internals.positionAbsolute;
      return {
        x,
        y,
        width: internal.measured.width ?? internal.width ?? 0,
        height: internal.measured.height ?? internal.height ?? 0,
      };
    },
    [flow],
  );

  /** Toolbar additions land in the middle of the view, beside (not on top of) what is there. */
  const addFromToolbar = (kind: NodeKind) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane
      ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }
      : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    const at = flow.screenToFlowPosition(centre);
    const size = estimatedSize({ type: kind });
    const desired = { x: at.x - size.width / 2, y: at.y - size.height / 2, ...size };
    // Groups are meant to go around things; everything else avoids overlapping.
    const taken =
      kind === 'group'
        ? []
        : editor()
            .nodes.filter((n) => n.type !== 'group')
            .map((n) => rectOf(n.id))
            .filter((r) => r !== null);
    addAt(kind, findFreeSpot(desired, taken), false);
  };

  const onDragOver = useCallback((event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (types.includes(NODE_DRAG_TYPE) || types.includes(MEDIA_DRAG_TYPE) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  /**
   * Image and video files (dropped, or pasted from the system clipboard) become media nodes
   * around `at` (default: the middle of the view).
   */
  const addMediaFiles = useCallback(
    (files: File[], at?: { x: number; y: number }) => {
      const pane = area.current?.getBoundingClientRect();
      const where =
        at ??
        flow.screenToFlowPosition(
          pane
            ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }
            : { x: window.innerWidth / 2, y: window.innerHeight / 2 },
        );
      const size = estimatedSize({ type: 'media' });
      files.slice(0, 12).forEach((file, index) => {
        storeMediaFile(file, provider, { canvasId: editor().canvasId ?? undefined }).then(
          (media) =>
            editor().addNode(
              'media',
              { x: where.x - size.width / 2 + index * 32, y: where.y - size.height / 2 + index * 32 },
              { ...media },
            ),
          (raw) => showToast({ message: describeError(toErrorPayload(raw)), tone: 'error' }),
        );
      });
    },
    [flow, provider],
  );

  /** Palette buttons dropped on the canvas add that node; image and video files become media nodes. */
  const onDrop = useCallback(
    (event: DragEvent) => {
      if (editor().readOnly) {
        event.preventDefault();
        showToast({ message: 'This canvas is read-only. Duplicate it to add to it.' });
        return;
      }
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const kind = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (isNodeKind(kind)) {
        event.preventDefault();
        addAt(kind, at, true);
        return;
      }
      // A generated output dragged out of its node becomes a media node showing it.
      const media = readDraggedMedia(event.dataTransfer);
      if (media) {
        event.preventDefault();
        const size = estimatedSize({ type: 'media' });
        editor().addNode(
          'media',
          { x: at.x - size.width / 2, y: at.y - size.height / 2 },
          mediaNodeData(media),
        );
        return;
      }
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      addMediaFiles(files, at);
    },
    [flow, addAt, addMediaFiles],
  );

  // Keyboard: editing, grouping, view (⌘+ ⌘− ⇧1 ⇧2), tools (V H), images pasted from the system.
  // The app menu's View → Zoom in / Zoom out / Fit do the same as the keys.
  const view = {
    zoomIn: () => void flow.zoomIn({ duration: 160 }),
    zoomOut: () => void flow.zoomOut({ duration: 160 }),
    fitView: () => void flow.fitView({ ...FIT_VIEW, duration: 240 }),
  };
  useEditorMenu(view);
  useEditorShortcuts({
    onEscape: closeMenu,
    onHelp: openShortcuts,
    rectOf,
    ...view,
    zoomTo: (ids) =>
      void flow.fitView({
        nodes: ids.map((id) => ({ id })),
        padding: 0.3,
        includeHiddenNodes: true,
        minZoom: FIT.minZoom,
        maxZoom: 1.5,
        duration: 240,
      }),
    onPasteFiles: (files) => addMediaFiles(files),
  });
  const cutEdges = useCallback((ids: string[]) => editor().deleteElements([], ids), []);
  const paintedEdges = useCallback(
    () => overviewScene.current?.edges.map((edge) => ({ id: edge.id, d: edgePathData(edge) })) ?? [],
    [],
  );

  const endDrag = useCallback(
    (ids: string[]) => editor().endGesture((current) => reparentDropped(current, ids, rectOf)),
    [rectOf],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, dragged: Node[]) => endDrag(dragged.map((n) => n.id)),
    [endDrag],
  );
  const onSelectionDragStop = useCallback(
    (_: unknown, dragged: Node[]) => endDrag(dragged.map((n) => n.id)),
    [endDrag],
  );

  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      setMenu({
        kind: 'pane',
        x: event.clientX,
        y: event.clientY,
        flow: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }),
      });
    },
    [flow],
  );
  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: Node) => {
    event.preventDefault();
    setMenu({ kind: 'node', x: event.clientX, y: event.clientY, id: node.id });
  }, []);
  const onEdgeContextMenu = useCallback((event: ReactMouseEvent, edge: Edge) => {
    event.preventDefault();
    setMenu({ kind: 'edge', x: event.clientX, y: event.clientY, id: edge.id });
  }, []);

  useOverviewPointer(area, overviewScene, {
    active: overview,
    selecting: tool === 'select',
    readOnly,
    snapGrid: settings.canvas.snapToGrid ? settings.canvas.gridSize : null,
    onNodeMenu: (event, id) => setMenu({ kind: 'node', x: event.clientX, y: event.clientY, id }),
    onZoomTo: (box) =>
      void flow.fitView({
        nodes: [{ id: box.id }],
        includeHiddenNodes: true,
        padding: 0.3,
        maxZoom: 1,
        duration: 240,
      }),
    onDragEnd: endDrag,
  });

  const onSelectionChange: OnSelectionChangeFunc = useCallback(() => setMenu(null), []);
  const menuItems = menu ? contextMenuItems(menu, { addAt, rectOf }) : [];
  const theme = resolveTheme(
    settings.theme,
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: light)').matches,
  );

  return (
    <div
      className="canvas-area"
      ref={area}
      data-detail={detailLevel}
      data-tool={tool}
      data-readonly={readOnly || undefined}
    >
      {startViewport && (
        <ReactFlow<KodaNode, KodaEdge>
          nodes={renderedNodes}
          edges={renderedEdges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidFlowConnection}
          defaultViewport={startViewport}
          minZoom={FIT.minZoom}
          maxZoom={4}
          onMoveEnd={onMoveEnd}
          snapToGrid={settings.canvas.snapToGrid}
          snapGrid={snapGrid}
          // Select (V): drag draws a selection box, nodes drag; Pan (H): drag moves the view. Space pans with either.
          {...flowPropsFor(tool, readOnly)}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          onNodeDragStart={beginGesture}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStart={beginGesture}
          onSelectionDragStop={onSelectionDragStop}
          onSelectionChange={onSelectionChange}
          onPaneClick={closeMenu}
          onDragOver={onDragOver}
          onDrop={onDrop}
          onPaneContextMenu={onPaneContextMenu}
          onNodeContextMenu={onNodeContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          // Only what is in view is in the DOM: a big canvas costs what the screen shows.
          onlyRenderVisibleElements
          // Like design tools: scrolling (two fingers on a trackpad) pans, ⌘/Ctrl+scroll and pinch zoom.
          panOnScroll
          colorMode={theme}
          proOptions={PRO_OPTIONS}
          connectionRadius={28}
          elevateEdgesOnSelect
          // A selected group must not rise above the nodes lying on it.
          elevateNodesOnSelect={false}
        >
          {dotsShown && (
            <Background
              variant={BackgroundVariant.Dots}
              gap={settings.canvas.gridSize}
              size={1.4}
              color="var(--canvas-dots)"
            />
          )}
          {overview && <OverviewLayer scene={overviewScene} theme={theme} />}
          <Controls
            showInteractive={false}
            fitViewOptions={FIT_VIEW}
            position="bottom-left"
            aria-label="Zoom controls"
          />
          {settings.canvas.showMinimap && nodes.length > 0 && <CanvasMiniMap />}
        </ReactFlow>
      )}
      {!readOnly && <AddNodeToolbar onAdd={addFromToolbar} />}
      <ToolToggle />
      <EdgeCutter
        area={area}
        toFlow={flow.screenToFlowPosition}
        onCut={cutEdges}
        enabled={!readOnly}
        paintedEdges={overview ? paintedEdges : undefined}
      />
      {nodes.length === 0 && !readOnly && (
        <div className="canvas-hint" data-testid="canvas-empty-hint">
          <div className="canvas-hint__card">
            <span className="canvas-hint__title">Start with a prompt</span>
            <span className="canvas-hint__text">Right-click or use the toolbar to add your first node</span>
            <button
              type="button"
              className="btn btn--primary btn--sm canvas-hint__action"
              data-testid="empty-add-prompt"
              onClick={() => addFromToolbar('text')}
            >
              <Icon name="text" size={14} />
              Add a prompt
            </button>
          </div>
        </div>
      )}
      {menuItems.length > 0 && menu && (
        <Menu
          at={{ x: menu.x, y: menu.y }}
          items={menuItems}
          onClose={closeMenu}
          label="Canvas actions"
          testId="context-menu"
        />
      )}
    </div>
  );
});

function noop() {}
