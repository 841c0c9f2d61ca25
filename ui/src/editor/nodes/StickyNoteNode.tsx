import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { readBoolean, readNumber, readString } from '../../canvas/node-data';
import { naturalSize, NOTE_COLORS, NOTE_FONT_SIZES, type NoteColor } from '../../canvas/node-specs';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';
import { DataWarning, Words } from './controls';
import { FallbackHandles } from './TypedHandle';

const SIZES = ['sm', 'md', 'lg'] as const;

/** About how many lines `text` takes at `perLine` characters a line (at least two). */
function wrappedLines(text: string, perLine: number): number {
  const chars = Math.max(8, Math.floor(perLine));
  return Math.max(
    2,
    text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / chars)), 0),
  );
}

/** Koda web's sticky note: words on coloured paper, with its author, type settings and tilt. */
export const StickyNoteNode = memo(function StickyNoteNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, beginGesture, endGesture } = useEditor.getState();
  const color: NoteColor = NOTE_COLORS.find((c) => c === data.color) ?? 'yellow';
  const fontSize = readNumber(data, 'fontSize') ?? 14;
  const rotation = readNumber(data, 'rotation') ?? 0;
  const opacity = readNumber(data, 'opacity');
  const author = readString(data, 'author');
  const content = readString(data, 'content') ?? '';
  // Koda web's notes are at least three quarters as tall as wide, and grow with their words.
  const width = naturalSize('stickyNote', data).width;
  const rows = wrappedLines(content, (width - 32) / (fontSize * 0.62));
  const paper: CSSProperties = {
    minHeight: Math.round(width * 0.75),
    transform: rotation ? `rotate(${rotation}deg)` : undefined,
    opacity: opacity !== undefined ? Math.min(100, Math.max(10, opacity)) / 100 : undefined,
  };
  const text: CSSProperties = {
    fontSize,
    fontWeight: readBoolean(data, 'bold') ? 700 : undefined,
    fontStyle: readBoolean(data, 'italic') ? 'italic' : undefined,
    textAlign: (['left', 'center', 'right'] as const).find((a) => a === data.textAlign),
  };
  return (
    <div
      className={`note note--${color} node-drag-handle${selected ? ' is-selected' : ''}`}
      data-testid="node-stickyNote"
      data-node-id={id}
      style={paper}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={90}
        lineClassName="resizer-line"
        handleClassName="resizer-handle"
        onResizeStart={beginGesture}
        onResizeEnd={() => endGesture()}
      />
      <FallbackHandles inputs outputs />
      <div className="note__warning">
        <DataWarning type="stickyNote" data={data} />
      </div>
      <div className="note__body" style={text}>
        <Words
          id={id}
          field="content"
          value={content}
          placeholder="Write a note…"
          label="Note text"
          className="note__text"
          rows={Math.min(rows, 24)}
        />
      </div>
      {author && <p className="note__author">— {author}</p>}
      {selected && (
        <div className="note__toolbar nodrag">
          <div className="note__colors" role="radiogroup" aria-label="Note colour">
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
          <select
            className="setting__select"
            aria-label="Note size"
            value={SIZES.find((s) => s === data.size) ?? 'md'}
            onChange={(e) => updateNodeData(id, { size: e.target.value })}
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s.toUpperCase()}
              </option>
            ))}
          </select>
          <select
            className="setting__select"
            aria-label="Font size"
            value={NOTE_FONT_SIZES.includes(fontSize) ? fontSize : 14}
            onChange={(e) => updateNodeData(id, { fontSize: Number(e.target.value) })}
          >
            {NOTE_FONT_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}px
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
});
