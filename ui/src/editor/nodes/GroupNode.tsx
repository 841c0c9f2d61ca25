import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { InlineEdit } from '../../components/InlineEdit';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';

/** A frame other nodes can sit in (they get its id as parentId when dropped inside). */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, beginGesture, endGesture } = useEditor.getState();
  const [editing, setEditing] = useState(false);
  const label = typeof data.label === 'string' && data.label ? data.label : 'Group';

  return (
    <div className={`group-frame${selected ? ' is-selected' : ''}`}>
      <NodeResizer isVisible={selected} minWidth={200} minHeight={140} lineClassName="resizer-line" handleClassName="resizer-handle" onResizeStart={beginGesture} onResizeEnd={() => endGesture()} />
      <div className="group-frame__label">
        {editing ? (
          <InlineEdit
            value={label}
            ariaLabel="Group name"
            className="group-frame__input nodrag"
            onCommit={(next) => {
              setEditing(false);
              updateNodeData(id, { label: next });
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <span className="group-frame__name" onDoubleClick={() => setEditing(true)} title="Double-click to rename">
            {label}
          </span>
        )}
      </div>
    </div>
  );
});
