import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { outputCountLabel } from '../../canvas/output-history';
import { readBoolean, readNumber, readString } from '../../canvas/node-data';
import {
  IMAGE_MODELS,
  IMAGE_RESOLUTIONS,
  IMAGE_SIZES,
  imageModel,
  VIDEO_MODELS,
  videoModel,
} from '../../canvas/models';
import { useEditor } from '../editor-store';
import { incomingPromptText } from '../incoming-prompt';
import type { KodaNode } from '../persisted';
import { choices } from './choices';
import { NodeStatus, OutputPlaceholder, SettingSelect, SettingsRow, ToggleChip, Words } from './controls';
import { GenerationFooter } from './GenerationFooter';
import { NodeCard } from './NodeCard';
import { OutputGallery } from './OutputGallery';

const IMAGE_MODEL_CHOICES = IMAGE_MODELS.map((m) => ({ value: m.id, label: m.label }));
const VIDEO_MODEL_CHOICES = VIDEO_MODELS.map((m) => ({ value: m.id, label: m.label }));
const IMAGE_COUNTS = choices([1, 2, 3, 4], (n) => `${n} image${n > 1 ? 's' : ''}`);
const IMAGE_SIZE_CHOICES = choices(IMAGE_SIZES, (s) => s.replace(/_/g, ' '));

/** The words of a text node wired into this one, under its own prompt. */
function IncomingWords({ id }: { id: string }) {
  const words = useEditor((s) => incomingPromptText(s, id));
  if (!words?.trim()) return null;
  return (
    <p className="knode__incoming" title={words}>
      <span className="knode__incoming-label">+ wired text</span> {words.trim()}
    </p>
  );
}

export const ImageGeneratorNode = memo(function ImageGeneratorNode({
  id,
  data,
  selected,
}: NodeProps<KodaNode>) {
  const modelId = readString(data, 'model');
  const model = imageModel(modelId);
  return (
    <NodeCard
      id={id}
      type="imageGenerator"
      data={data}
      selected={selected}
      icon="image"
      minWidth={260}
      meta={outputCountLabel(data, 'image')}
    >
      <div className="knode__body knode__body--stack">
        <Words
          id={id}
          field="prompt"
          value={readString(data, 'prompt') ?? ''}
          placeholder="Describe the image…"
          label="Prompt"
          rows={3}
          enhance="image"
        />
        <IncomingWords id={id} />
        <OutputGallery
          id={id}
          data={data}
          kind="image"
          alt={readString(data, 'prompt') || 'Generated image'}
          placeholder={<OutputPlaceholder icon="image">Images appear here</OutputPlaceholder>}
        />
        <NodeStatus data={data} errors={false} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="model"
            value={modelId}
            fallback="auto"
            options={IMAGE_MODEL_CHOICES}
            label="Model"
            testId="model-select"
          />
          <SettingSelect
            id={id}
            field="aspectRatio"
            value={readString(data, 'aspectRatio')}
            fallback="auto"
            options={choices(model?.aspectRatios ?? ['auto'])}
            label="Aspect ratio"
          />
          {model?.resolutions && (
            <SettingSelect
              id={id}
              field="resolution"
              value={readString(data, 'resolution')}
              fallback="1K"
              options={choices(IMAGE_RESOLUTIONS)}
              label="Resolution"
            />
          )}
          {model?.imageSize && (
            <SettingSelect
              id={id}
              field="imageSize"
              value={readString(data, 'imageSize')}
              fallback="square_hd"
              options={IMAGE_SIZE_CHOICES}
              label="Image size"
            />
          )}
          {model?.styles && (
            <SettingSelect
              id={id}
              field="style"
              value={readString(data, 'style')}
              fallback={model.styles[0]}
              options={choices(model.styles, (s) => s.replace(/_/g, ' '))}
              label="Style"
            />
          )}
          <SettingSelect
            id={id}
            field="imageCount"
            value={readNumber(data, 'imageCount')}
            fallback={1}
            options={IMAGE_COUNTS}
            label="Images per run"
            testId="image-count"
          />
        </SettingsRow>
        <GenerationFooter id={id} data={data} />
      </div>
    </NodeCard>
  );
});

export const VideoGeneratorNode = memo(function VideoGeneratorNode({
  id,
  data,
  selected,
}: NodeProps<KodaNode>) {
  const modelId = readString(data, 'model');
  const model = videoModel(modelId);
  const durations = model?.durations ?? [5, 10];
  return (
    <NodeCard
      id={id}
      type="videoGenerator"
      data={data}
      selected={selected}
      icon="video"
      minWidth={260}
      meta={outputCountLabel(data, 'video')}
    >
      <div className="knode__body knode__body--stack">
        <Words
          id={id}
          field="prompt"
          value={readString(data, 'prompt') ?? ''}
          placeholder="Describe the motion…"
          label="Prompt"
          rows={3}
          enhance="video"
        />
        <IncomingWords id={id} />
        <OutputGallery
          id={id}
          data={data}
          kind="video"
          poster={readString(data, 'thumbnailUrl')}
          placeholder={<OutputPlaceholder icon="video">The video appears here</OutputPlaceholder>}
        />
        <NodeStatus data={data} errors={false} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="model"
            value={modelId}
            fallback="auto"
            options={VIDEO_MODEL_CHOICES}
            label="Model"
            testId="model-select"
          />
          <SettingSelect
            id={id}
            field="aspectRatio"
            value={readString(data, 'aspectRatio')}
            fallback={model?.aspectRatios[0] ?? '16:9'}
            options={choices(model?.aspectRatios ?? ['16:9', '9:16', '1:1'])}
            label="Aspect ratio"
          />
          <SettingSelect
            id={id}
            field="duration"
            value={readNumber(data, 'duration')}
            fallback={model?.defaultDuration ?? 5}
            options={choices(durations, (s) => `${s}s`)}
            label="Duration"
          />
          {model && model.resolutions.length > 0 && (
            <SettingSelect
              id={id}
              field="resolution"
              value={readString(data, 'resolution')}
              fallback={model.resolutions[0]}
              options={choices(model.resolutions)}
              label="Resolution"
            />
          )}
          <ToggleChip
            id={id}
            field="generateAudio"
            value={readBoolean(data, 'generateAudio') ?? false}
            label="Audio"
          />
        </SettingsRow>
        <GenerationFooter id={id} data={data} />
      </div>
    </NodeCard>
  );
});
