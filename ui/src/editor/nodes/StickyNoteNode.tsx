import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditor } from '../editor-store';
import { NOTE_COLORS, type NoteColor } from '../node-specs';
import type { KodaNode } from '../persisted';

export const StickyNoteNode = memo(function StickyNoteNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, sealHistory, beginGesture, endGesture } = useEditor.getState();
  const color: NoteColor = NOTE_COLORS.includes(data.color as NoteColor) ? (data.color as NoteColor) : 'yellow';
  const text = typeof data.text === 'string' ? data.text : '';

  return (
    <div className={`note note--${color}${selected ? ' is-selected' : ''}`}>
      <NodeResizer isVisible={selected} minWidth={140} minHeight={100} lineClassName="resizer-line" handleClassName="resizer-handle" onResizeStart={beginGesture} onResizeEnd={() => endGesture()} />
      <textarea
        className="note__text nodrag nowheel"
        value={text}
        placeholder="Write a note…"
        aria-label="Note text"
        data-testid="note-text"
        onChange={(e) => updateNodeData(id, { text: e.target.value }, { typing: true, coalesceKey: `text:${id}` })}
        onBlur={sealHistory}
      />
      {selected && (
        <div className="note__colors nodrag" role="radiogroup" aria-label="Note colour">
          {NOTE_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={c === color}
              aria-label={c}
              className={`note__swatch note--${c}${c === color ? ' is-checked' : ''}`}
              onClick={() => updateNodeData(id, { color: c })}
            />
          ))}
        </div>
      )}
    </div>
  );
});
