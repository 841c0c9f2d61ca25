import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type OnSelectionChangeFunc,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { useApp, useProvider } from '../app/app-store';
import { resolveTheme } from '../app/theme';
import { Icon } from '../components/Icon';
import { Menu } from '../components/Menu';
import { AddNodeToolbar } from './AddNodeToolbar';
import { isValidConnection } from './connection-rules';
import { useEditor } from './editor-store';
import { contextMenuItems, type ContextMenuState } from './context-menu-items';
import { NODE_DRAG_TYPE } from './node-menu-items';
import { isNodeKind, NODE_SPECS, type NodeKind } from './node-specs';
import { storeMediaFile } from './media-file';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import { nodeTypes } from './nodes';
import { findFreeSpot } from './placement';
import type { KodaEdge, KodaNode } from './persisted';
import { reparentDropped } from './reparent';
import { useEditorShortcuts } from './use-editor-shortcuts';

const MINIMAP_COLORS: Record<NodeKind, string> = {
  prompt: 'var(--kind-prompt)',
  imageGenerator: 'var(--kind-image)',
  videoGenerator: 'var(--kind-video)',
  media: 'var(--kind-media)',
  stickyNote: 'var(--note-yellow)',
  group: 'transparent',
};

/**
 * React Flow lifts edges that touch a node inside a group to z 1, above top-level nodes at z 0.
 * Drawing top-level nodes at z 1 too keeps every edge beneath every node. Cached per node object
 * so unchanged nodes keep their identity (React Flow skips them), and never stored.
 */
const drawn = new WeakMap<KodaNode, KodaNode>();
function withDrawingOrder(node: KodaNode): KodaNode {
  if (node.type === 'group' || node.zIndex !== undefined) return node;
  let copy = drawn.get(node);
  if (!copy) {
    copy = { ...node, zIndex: 1 };
    drawn.set(node, copy);
  }
  return copy;
}

export function EditorCanvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const initialViewport = useRef(useEditor.getState().viewport);
  const settings = useApp((s) => s.settings);
  const provider = useProvider();
  const flow = useReactFlow<KodaNode, KodaEdge>();
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const openShortcuts = useCallback(() => useEditor.getState().setShortcutsOpen(true), []);
  useEditorShortcuts(closeMenu, openShortcuts);

  const editor = useEditor.getState;

  const renderedNodes = useMemo(() => nodes.map(withDrawingOrder), [nodes]);

  // Edges take the colour of the data they carry; output handle ids name that type.
  const renderedEdges = useMemo(() => edges.map((e) => ({ ...e, className: `edge--${e.sourceHandle ?? 'default'}` })), [edges]);

  const addAt = useCallback(
    (kind: NodeKind, flowPosition: { x: number; y: number }, centred: boolean) => {
      const size = NODE_SPECS[kind].defaultSize;
      const position = centred ? { x: flowPosition.x - size.width / 2, y: flowPosition.y - size.height / 2 } : flowPosition;
      editor().addNode(kind, position);
    },
    [editor],
  );

  /** Toolbar additions land in the middle of the view, beside (not on top of) what is there. */
  const addFromToolbar = (kind: NodeKind) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    const at = flow.screenToFlowPosition(centre);
    const size = NODE_SPECS[kind].defaultSize;
    const desired = { x: at.x - size.width / 2, y: at.y - size.height / 2, ...size };
    // Groups are meant to go around things; everything else avoids overlapping.
    const taken = kind === 'group' ? [] : editor().nodes.filter((n) => n.type !== 'group').map((n) => rectOf(n.id)).filter((r) => r !== null);
    addAt(kind, findFreeSpot(desired, taken), false);
  };

  const onDragOver = (event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (types.includes(NODE_DRAG_TYPE) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };

  /** Palette buttons dropped on the canvas add that node; image and video files become media nodes. */
  const onDrop = (event: DragEvent) => {
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const kind = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (isNodeKind(kind)) {
      event.preventDefault();
      addAt(kind, at, true);
      return;
    }
    const files = [...event.dataTransfer.files].slice(0, 12);
    if (files.length === 0) return;
    event.preventDefault();
    const size = NODE_SPECS.media.defaultSize;
    files.forEach((file, index) => {
      storeMediaFile(file, provider, { canvasId: editor().canvasId ?? undefined }).then(
        (media) => editor().addNode('media', { x: at.x - size.width / 2 + index * 32, y: at.y - size.height / 2 + index * 32 }, { ...media }),
        (raw) => showToast({ message: describeError(toErrorPayload(raw)), tone: 'error' }),
      );
    });
  };

  const rectOf = (id: string) => {
    const internal = flow.getInternalNode(id);
    if (!internal) return null;
    const { x, y } = internal.internals.positionAbsolute;
    return { x, y, width: internal.measured.width ?? internal.width ?? 0, height: internal.measured.height ?? internal.height ?? 0 };
  };

  const endDrag = (dragged: Node[]) => {
    const ids = dragged.map((n) => n.id);
    editor().endGesture((current) => reparentDropped(current, ids, rectOf));
  };

  const onSelectionChange: OnSelectionChangeFunc = useCallback(() => setMenu(null), []);
  const theme = resolveTheme(settings.theme, typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: light)').matches);
  const viewport = initialViewport.current;

  return (
    <div className="canvas-area">
      <ReactFlow<KodaNode, KodaEdge>
        nodes={renderedNodes}
        edges={renderedEdges}
        nodeTypes={nodeTypes}
        onNodesChange={(changes) => editor().onNodesChange(changes)}
        onEdgesChange={(changes) => editor().onEdgesChange(changes)}
        onConnect={(connection: Connection) => editor().connect(connection)}
        isValidConnection={(connection: Connection | Edge) => isValidConnection(connection, editor().nodes, editor().edges)}
        defaultViewport={viewport ?? { x: 0, y: 0, zoom: 1 }}
        fitView={!viewport && nodes.length > 0}
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        onMoveEnd={(_, next) => editor().setViewport(next)}
        snapToGrid={settings.canvas.snapToGrid}
        snapGrid={[settings.canvas.gridSize, settings.canvas.gridSize]}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onNodeDragStart={() => editor().beginGesture()}
        onNodeDragStop={(_, __, dragged) => endDrag(dragged)}
        onSelectionDragStart={() => editor().beginGesture()}
        onSelectionDragStop={(_, dragged) => endDrag(dragged)}
        onSelectionChange={onSelectionChange}
        onPaneClick={closeMenu}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneContextMenu={(event) => {
          event.preventDefault();
          setMenu({ kind: 'pane', x: event.clientX, y: event.clientY, flow: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) });
        }}
        onNodeContextMenu={(event, node) => {
          event.preventDefault();
          setMenu({ kind: 'node', x: event.clientX, y: event.clientY, id: node.id });
        }}
        onEdgeContextMenu={(event, edge) => {
          event.preventDefault();
          setMenu({ kind: 'edge', x: event.clientX, y: event.clientY, id: edge.id });
        }}
        // Like design tools: scrolling (two fingers on a trackpad) pans, ⌘/Ctrl+scroll and pinch zoom.
        panOnScroll
        minZoom={0.1}
        maxZoom={4}
        colorMode={theme}
        proOptions={{ hideAttribution: true }}
        connectionRadius={28}
        elevateEdgesOnSelect
        // A selected group must not rise above the nodes lying on it.
        elevateNodesOnSelect={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={settings.canvas.gridSize} size={1.4} color="var(--canvas-dots)" />
        <Controls showInteractive={false} position="bottom-left" aria-label="Zoom controls" />
        {settings.canvas.showMinimap && nodes.length > 0 && (
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            ariaLabel="Minimap"
            nodeBorderRadius={6}
            nodeColor={(n) => MINIMAP_COLORS[n.type as NodeKind] ?? 'var(--text-faint)'}
            nodeStrokeColor={(n) => (n.type === 'group' ? 'var(--kind-group)' : 'transparent')}
            maskColor="var(--minimap-mask)"
            style={{ width: 176, height: 118 }}
          />
        )}
      </ReactFlow>
      <AddNodeToolbar onAdd={addFromToolbar} />
      {nodes.length === 0 && (
        <div className="canvas-hint" data-testid="canvas-empty-hint">
          <div className="canvas-hint__card">
            <span className="canvas-hint__title">Start with a prompt</span>
            <span className="canvas-hint__text">Right-click or use the toolbar to add your first node</span>
            <button type="button" className="btn btn--primary btn--sm canvas-hint__action" data-testid="empty-add-prompt" onClick={() => addFromToolbar('prompt')}>
              <Icon name="text" size={14} />
              Add a prompt
            </button>
          </div>
        </div>
      )}
      {menu && <Menu at={{ x: menu.x, y: menu.y }} items={contextMenuItems(menu, { addAt, rectOf })} onClose={closeMenu} label="Canvas actions" testId="context-menu" />}
    </div>
  );
}
