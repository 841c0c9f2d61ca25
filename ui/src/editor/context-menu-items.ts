import type { MenuItem } from '../components/Menu';
import type { Rect } from './groups';
import { useEditor } from './editor-store';
import { ADD_NODE_ENTRIES } from './node-menu-items';
import type { NodeKind } from './node-specs';
import { modKey } from './shortcuts';

/** Where the right-click happened and on what. */
export type ContextMenuState =
  | { kind: 'pane'; x: number; y: number; flow: { x: number; y: number } }
  | { kind: 'node'; x: number; y: number; id: string }
  | { kind: 'edge'; x: number; y: number; id: string };

interface ContextMenuActions {
  addAt: (kind: NodeKind, flowPosition: { x: number; y: number }, centred: boolean) => void;
  rectOf: (id: string) => Rect | null;
}

/** The right-click menu: add nodes on the pane, duplicate/copy/delete on nodes, delete on edges. */
export function contextMenuItems(menu: ContextMenuState, { addAt, rectOf }: ContextMenuActions): MenuItem[] {
  if (menu.kind === 'pane') {
    return ADD_NODE_ENTRIES.map((entry) => ({
      id: entry.kind,
      label: `Add ${entry.label.toLowerCase()}`,
      icon: entry.icon,
      testId: `context-${entry.testId}`,
      onSelect: () => addAt(entry.kind, menu.flow, false),
    }));
  }
  const state = useEditor.getState();
  if (menu.kind === 'edge') {
    return [{ id: 'delete', label: 'Delete connection', icon: 'trash', danger: true, testId: 'context-delete-edge', onSelect: () => state.deleteElements([], [menu.id]) }];
  }
  const target = state.nodes.find((n) => n.id === menu.id);
  // Acting on the whole selection when the clicked node is part of it.
  const ids = target?.selected ? state.nodes.filter((n) => n.selected).map((n) => n.id) : [menu.id];
  const plural = ids.length > 1 ? ` ${ids.length} nodes` : '';
  const items: MenuItem[] = [
    { id: 'duplicate', label: `Duplicate${plural}`, icon: 'copy', shortcut: `${modKey}D`, testId: 'context-duplicate', onSelect: () => state.duplicate(ids) },
    { id: 'copy', label: `Copy${plural}`, icon: 'copy', shortcut: `${modKey}C`, testId: 'context-copy', onSelect: () => state.copy(ids) },
  ];
  if (target?.parentId && ids.length === 1) {
    items.push({
      id: 'ungroup',
      label: 'Take out of group',
      icon: 'group',
      testId: 'context-ungroup',
      onSelect: () => {
        const rect = rectOf(target.id);
        if (rect) state.updateNode(target.id, { parentId: undefined, position: { x: rect.x, y: rect.y } });
      },
    });
  }
  items.push({ id: 'delete', label: `Delete${plural}`, icon: 'trash', danger: true, shortcut: 'Del', separatorBefore: true, testId: 'context-delete', onSelect: () => state.deleteElements(ids) });
  return items;
}
