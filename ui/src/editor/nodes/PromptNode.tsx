import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditor } from '../editor-store';
import { NODE_SPECS } from '../node-specs';
import type { KodaNode } from '../persisted';
import { NodeFrame } from './NodeFrame';
import { PortRows } from './TypedHandle';

const spec = NODE_SPECS.prompt;

export const PromptNode = memo(function PromptNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData, sealHistory } = useEditor.getState();
  const text = typeof data.text === 'string' ? data.text : '';
  return (
    <NodeFrame kind="prompt" title={spec.label} icon="text" selected={selected} minHeight={140} headerExtra={<span className="knode__meta">{text.length > 0 ? `${text.length} chars` : ''}</span>}>
      <PortRows inputs={spec.inputs} outputs={spec.outputs} />
      <div className="knode__body">
        <textarea
          className="knode__textarea nodrag nowheel"
          value={text}
          placeholder="Describe what you want to see…"
          aria-label="Prompt text"
          data-testid="prompt-text"
          spellCheck
          onChange={(e) => updateNodeData(id, { text: e.target.value }, { typing: true, coalesceKey: `text:${id}` })}
          onBlur={sealHistory}
        />
      </div>
    </NodeFrame>
  );
});
