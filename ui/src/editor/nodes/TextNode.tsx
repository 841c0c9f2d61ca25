import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { readString } from '../../canvas/node-data';
import { htmlToText, isHtml, textToHtml } from '../../canvas/rich-text';
import type { KodaNode } from '../persisted';
import { Words } from './controls';
import { NodeCard } from './NodeCard';

/** Koda web's text node (our prompt): its words feed the generators it is wired to. */
export const TextNode = memo(function TextNode({ id, data, selected }: NodeProps<KodaNode>) {
  const content = readString(data, 'content') ?? '';
  const rich = isHtml(content);
  const text = rich ? htmlToText(content) : content;
  const bgColor = readString(data, 'bgColor');
  const style =
    bgColor && bgColor !== 'transparent' ? ({ '--text-bg': bgColor } as CSSProperties) : undefined;
  return (
    <NodeCard
      id={id}
      type="text"
      data={data}
      selected={selected}
      icon="text"
      minHeight={110}
      minWidth={200}
      sizeInData
      style={style}
      meta={text.length > 0 ? `${text.length} chars` : undefined}
    >
      <div className={`knode__body${style ? ' knode__body--tinted' : ''}`}>
        <Words
          id={id}
          field="content"
          value={text}
          placeholder="Describe what you want to see…"
          label="Text"
          rows={3}
          enhance="text"
          toStored={rich ? textToHtml : undefined}
        />
      </div>
    </NodeCard>
  );
});
