import { NodeResizer, type ResizeParams } from '@xyflow/react';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { InlineEdit } from '../../components/InlineEdit';
import { nodeTypeLabel } from '../../canvas/node-specs';
import { readString } from '../../canvas/node-data';
import { useEditor } from '../editor-store';
import { NodePorts } from './TypedHandle';
import { DataWarning } from './controls';

interface NodeCardProps {
  id: string;
  /** The node's type as stored (`text`, `futureNode` …): names its test id and colour. */
  type: string;
  data: Record<string, unknown>;
  selected: boolean;
  icon: IconName;
  /** Shown when the node has no `name` of its own (default: its type's label). */
  fallbackTitle?: string;
  /** Extra words after the title (a model, a count). */
  meta?: ReactNode;
  headerExtra?: ReactNode;
  minWidth?: number;
  minHeight?: number;
  /** Resizing also writes the size into `data.width`/`data.height`, where Koda web keeps it (text). */
  sizeInData?: boolean;
  /** Colour class (`knode--<kind>`); defaults to the type. */
  kind?: string;
  style?: CSSProperties;
  children: ReactNode;
}

/**
 * The card every node but notes, stickers and groups is drawn as: resizer, a header to drag it by
 * (`.node-drag-handle`, the drag handle Koda web stores on nodes) with icon, editable name and a
 * warning when the data holds unexpected values, its ports, then its body.
 */
export function NodeCard({
  id,
  type,
  data,
  selected,
  icon,
  fallbackTitle,
  meta,
  headerExtra,
  minWidth = 220,
  minHeight = 120,
  sizeInData,
  kind,
  style,
  children,
}: NodeCardProps) {
  const { beginGesture, endGesture } = useEditor.getState();
  const onResizeEnd = (_: unknown, size: ResizeParams) =>
    endGesture(
      sizeInData
        ? (nodes) =>
            nodes.map((n) =>
              n.id === id
                ? {
                    ...n,
                    data: { ...n.data, width: Math.round(size.width), height: Math.round(size.height) },
                  }
                : n,
            )
        : undefined,
    );
  return (
    <div
      className={`knode knode--${kind ?? type}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${type}`}
      data-node-id={id}
      style={style}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={minWidth}
        minHeight={minHeight}
        lineClassName="resizer-line"
        handleClassName="resizer-handle"
        onResizeStart={() => beginGesture()}
        onResizeEnd={onResizeEnd}
      />
      <header className="knode__header node-drag-handle">
        <span className="knode__icon">
          <Icon name={icon} size={14} strokeWidth={2} />
        </span>
        <NodeName id={id} name={readString(data, 'name')} fallback={fallbackTitle ?? nodeTypeLabel(type)} />
        {meta !== undefined && <span className="knode__meta">{meta}</span>}
        <DataWarning type={type} data={data} />
        {headerExtra}
      </header>
      <NodePorts type={type} data={data} />
      {children}
    </div>
  );
}

/** The node's `name`, renamed with a double-click (Koda web shows it as the node's title). */
export function NodeName({
  id,
  name,
  fallback,
  className = 'knode__title',
}: {
  id: string;
  name: string | undefined;
  fallback: string;
  className?: string;
}) {
  const [editing, setEditing] = useState(false);
  const shown = name?.trim() || fallback;
  if (editing) {
    return (
      <InlineEdit
        value={shown}
        ariaLabel="Node name"
        className="knode__name-input nodrag"
        onCommit={(next) => {
          setEditing(false);
          useEditor.getState().updateNodeData(id, { name: next });
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <span
      className={className}
      title={`${shown} — double-click to rename`}
      onDoubleClick={() => setEditing(true)}
      data-testid="node-name"
    >
      {shown}
    </span>
  );
}
