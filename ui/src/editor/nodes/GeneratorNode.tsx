import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { useEditor } from '../editor-store';
import { incomingPromptText } from '../incoming-prompt';
import { IMAGE_MODELS, NODE_SPECS, VIDEO_MODELS, type NodeKind } from '../node-specs';
import type { KodaNode } from '../persisted';
import { NodeFrame } from './NodeFrame';
import { PortRows } from './TypedHandle';

interface GeneratorConfig {
  kind: Extract<NodeKind, 'imageGenerator' | 'videoGenerator'>;
  icon: IconName;
  models: string[];
  outputNoun: string;
}

function GeneratorNode({ id, data, selected, config }: NodeProps<KodaNode> & { config: GeneratorConfig }) {
  const spec = NODE_SPECS[config.kind];
  // The text of the prompt wired into this node, shown as a preview of what will be generated.
  const promptText = useEditor((s) => incomingPromptText(s, id));
  const model = typeof data.model === 'string' ? data.model : config.models[0];
  const models = config.models.includes(model) ? config.models : [model, ...config.models];

  return (
    <NodeFrame kind={config.kind} title={spec.label} icon={config.icon} selected={selected} minWidth={240} minHeight={260}>
      <PortRows inputs={spec.inputs} outputs={spec.outputs} />
      <div className="knode__body knode__body--generator">
        <div className="gen-preview">
          <Icon name={config.icon} size={26} strokeWidth={1.4} />
          {promptText === null && <span>Connect a prompt to get started</span>}
          {promptText !== null && (
            <>
              <span>Your {config.outputNoun} will appear here</span>
              {promptText.trim() && <q className="gen-preview__prompt">{promptText.trim()}</q>}
            </>
          )}
        </div>
        <div className="gen-controls">
          <select
            className="select select--sm nodrag"
            value={model}
            aria-label="Model"
            data-testid="model-select"
            onChange={(e) => useEditor.getState().updateNodeData(id, { model: e.target.value })}
          >
            {models.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <span className="generate-wrap" title="Connect a provider in Settings" data-testid="generate-tooltip">
            <button type="button" className="btn btn--primary btn--sm" disabled aria-disabled="true" data-testid="generate">
              <Icon name="sparkles" size={13} />
              Generate
            </button>
          </span>
        </div>
      </div>
    </NodeFrame>
  );
}

const IMAGE: GeneratorConfig = { kind: 'imageGenerator', icon: 'image', models: IMAGE_MODELS, outputNoun: 'image' };
const VIDEO: GeneratorConfig = { kind: 'videoGenerator', icon: 'video', models: VIDEO_MODELS, outputNoun: 'video' };

export const ImageGeneratorNode = memo(function ImageGeneratorNode(props: NodeProps<KodaNode>) {
  return <GeneratorNode {...props} config={IMAGE} />;
});

export const VideoGeneratorNode = memo(function VideoGeneratorNode(props: NodeProps<KodaNode>) {
  return <GeneratorNode {...props} config={VIDEO} />;
});
