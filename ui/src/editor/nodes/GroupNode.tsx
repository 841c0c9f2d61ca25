import { NodeResizer, type NodeProps, type ResizeParams } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { readString } from '../../canvas/node-data';
import { GROUP_COLORS } from '../../canvas/node-specs';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';
import { DataWarning } from './controls';
import { NodeName } from './NodeCard';
import { FallbackHandles } from './TypedHandle';

const isColour = (value: string | undefined): value is string =>
  value !== undefined && /^#[0-9a-f]{3,8}$/i.test(value);

/**
 * A frame other nodes sit in, in its colour, with its name and notes. Its size is kept in
 * `data.width`/`data.height` as well, where Koda web reads it.
 */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, beginGesture, endGesture } = useEditor.getState();
  const colour = readString(data, 'color');
  const notes = readString(data, 'notes');
  const style = isColour(colour) ? ({ '--group': colour } as CSSProperties) : undefined;
  const onResizeEnd = (_: unknown, size: ResizeParams) =>
    endGesture((nodes) =>
      nodes.map((n) =>
        n.id === id
          ? { ...n, data: { ...n.data, width: Math.round(size.width), height: Math.round(size.height) } }
          : n,
      ),
    );

  return (
    <div
      className={`group-frame node-drag-handle${selected ? ' is-selected' : ''}`}
      data-testid="node-group"
      data-node-id={id}
      style={style}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={200}
        minHeight={140}
        lineClassName="resizer-line"
        handleClassName="resizer-handle"
        onResizeStart={beginGesture}
        onResizeEnd={onResizeEnd}
      />
      <FallbackHandles inputs outputs />
      <div className="group-frame__label">
        <span data-testid="node-words" className="group-frame__words">
          <NodeName id={id} name={readString(data, 'name')} fallback="Group" className="group-frame__name" />
        </span>
        <DataWarning type="group" data={data} />
      </div>
      {notes && <p className="group-frame__notes">{notes}</p>}
      {selected && (
        <div className="group-frame__colors nodrag" role="radiogroup" aria-label="Group colour">
          {GROUP_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={c === colour}
              aria-label={c}
              className={`group-frame__swatch${c === colour ? ' is-checked' : ''}`}
              style={{ background: c }}
              onClick={() => updateNodeData(id, { color: c })}
            />
          ))}
        </div>
      )}
    </div>
  );
});
