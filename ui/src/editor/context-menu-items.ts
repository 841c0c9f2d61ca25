import type { MenuItem } from '../components/Menu';
import type { Rect } from './groups';
import { useEditor } from './editor-store';
import { ownersOf } from './groups';
import { ADD_NODE_ENTRIES } from './node-menu-items';
import type { NodeKind } from '../canvas/node-specs';
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
  const state = useEditor.getState();
  // A read-only canvas offers only what changes nothing: copying nodes.
  if (state.readOnly) {
    if (menu.kind !== 'node') return [];
    const clicked = state.nodes.find((n) => n.id === menu.id);
    const chosen = clicked?.selected ? state.nodes.filter((n) => n.selected).map((n) => n.id) : [menu.id];
    return [
      {
        id: 'copy',
        label: chosen.length > 1 ? `Copy ${chosen.length} nodes` : 'Copy',
        icon: 'copy',
        shortcut: `${modKey}C`,
        testId: 'context-copy',
        onSelect: () => state.copy(chosen),
      },
    ];
  }
  if (menu.kind === 'pane') {
    return ADD_NODE_ENTRIES.map((entry, index) => ({
      id: entry.kind,
      separatorBefore: index > 0 && entry.groupStart,
      label: `Add ${entry.label.toLowerCase()}`,
      icon: entry.icon,
      testId: `context-${entry.testId}`,
      onSelect: () => addAt(entry.kind, menu.flow, false),
    }));
  }
  if (menu.kind === 'edge') {
    return [
      {
        id: 'delete',
        label: 'Delete connection',
        icon: 'trash',
        danger: true,
        testId: 'context-delete-edge',
        onSelect: () => state.deleteElements([], [menu.id]),
      },
    ];
  }
  const target = state.nodes.find((n) => n.id === menu.id);
  // Acting on the whole selection when the clicked node is part of it.
  const ids = target?.selected ? state.nodes.filter((n) => n.selected).map((n) => n.id) : [menu.id];
  const plural = ids.length > 1 ? ` ${ids.length} nodes` : '';
  const items: MenuItem[] = [
    {
      id: 'duplicate',
      label: `Duplicate${plural}`,
      icon: 'copy',
      shortcut: `${modKey}D`,
      testId: 'context-duplicate',
      onSelect: () => state.duplicate(ids),
    },
    {
      id: 'copy',
      label: `Copy${plural}`,
      icon: 'copy',
      shortcut: `${modKey}C`,
      testId: 'context-copy',
      onSelect: () => state.copy(ids),
    },
  ];
  const owners = ownersOf(state.nodes);
  if (ids.some((id) => state.nodes.find((n) => n.id === id)?.type !== 'group')) {
    items.push({
      id: 'group',
      label: ids.length > 1 ? `Group ${ids.length} nodes` : 'Group',
      icon: 'group',
      shortcut: `${modKey}G`,
      testId: 'context-group',
      onSelect: () => state.group(ids, rectOf),
    });
  }
  if (target?.type === 'group') {
    items.push({
      id: 'dissolve',
      label: 'Ungroup',
      icon: 'group',
      shortcut: `${modKey}⇧G`,
      testId: 'context-dissolve-group',
      onSelect: () => state.ungroup([target.id]),
    });
  }
  if (target && owners.has(target.id) && ids.length === 1) {
    // Koda web groups: off the group's childNodeIds, position unchanged (a legacy child's made absolute).
    items.push({
      id: 'ungroup',
      label: 'Take out of group',
      icon: 'group',
      testId: 'context-ungroup',
      onSelect: () => state.setGroup(target.id, null),
    });
  }
  items.push({
    id: 'delete',
    label: `Delete${plural}`,
    icon: 'trash',
    danger: true,
    shortcut: 'Del',
    separatorBefore: true,
    testId: 'context-delete',
    onSelect: () => state.deleteElements(ids),
  });
  return items;
}
