import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { readBoolean, readNumber, readString } from '../../canvas/node-data';
import { STICKER_FONT_SIZES } from '../../canvas/node-specs';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';
import { DataWarning } from './controls';
import { FallbackHandles } from './TypedHandle';

const SIZES = Object.keys(STICKER_FONT_SIZES);

/** Koda web's sticker: an emoji, sized, turned, flipped and faded as stored. */
export const StickerNode = memo(function StickerNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, sealHistory } = useEditor.getState();
  const emoji = readString(data, 'emoji') || '👍';
  const size = SIZES.find((s) => s === data.size) ?? 'md';
  const rotation = readNumber(data, 'rotation') ?? 0;
  const opacity = readNumber(data, 'opacity');
  const flip = `scale(${readBoolean(data, 'flipX') ? -1 : 1}, ${readBoolean(data, 'flipY') ? -1 : 1})`;
  const style: CSSProperties = {
    fontSize: STICKER_FONT_SIZES[size],
    transform: `rotate(${rotation}deg) ${flip}`,
    opacity: opacity !== undefined ? Math.min(100, Math.max(10, opacity)) / 100 : undefined,
  };
  return (
    <div
      className={`sticker node-drag-handle${selected ? ' is-selected' : ''}`}
      data-testid="node-sticker"
      data-node-id={id}
    >
      <FallbackHandles inputs outputs />
      <span
        className="sticker__emoji"
        style={style}
        data-testid="node-words"
        role="img"
        aria-label={`Sticker ${emoji}`}
      >
        {emoji}
      </span>
      <div className="sticker__warning">
        <DataWarning type="sticker" data={data} />
      </div>
      {selected && (
        <div className="sticker__toolbar nodrag">
          <input
            className="input sticker__input"
            value={readString(data, 'emoji') ?? ''}
            aria-label="Emoji"
            maxLength={8}
            onChange={(e) =>
              updateNodeData(id, { emoji: e.target.value }, { typing: true, coalesceKey: `emoji:${id}` })
            }
            onBlur={sealHistory}
          />
          <select
            className="setting__select"
            aria-label="Sticker size"
            value={size}
            onChange={(e) => updateNodeData(id, { size: e.target.value })}
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
});
