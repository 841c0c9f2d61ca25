import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { productShots, storyboardScenes } from '../../canvas/node-content';
import { readArray, readNumber, readObject, readObjects, readString } from '../../canvas/node-data';
import {
  PRODUCT_BACKGROUNDS,
  PRODUCT_LIGHTING,
  PRODUCT_SHOT_COUNTS,
  STORYBOARD_MODES,
  STORYBOARD_SCENE_COUNTS,
  STORYBOARD_STYLES,
  STORYBOARD_VIDEO_MODELS,
} from '../../canvas/models';
import { Icon } from '../../components/Icon';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';
import { choices } from './choices';
import { PlanButton, NodeStatus, OutputPlaceholder, SettingSelect, SettingsRow, Words } from './controls';
import { NodeCard } from './NodeCard';

const words = (s: string) => (s ? s[0].toUpperCase() + s.slice(1).replace(/-/g, ' ') : s);
/** Koda web gives a storyboard up to eight reference images (`refImage_0…7`). */
const MAX_REFERENCES = 8;

/** Plans scenes from a concept; its drafts' scenes (or an older storyboard's `result`) are listed. */
export const StoryboardNode = memo(function StoryboardNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { scenes, summary } = storyboardScenes(data);
  const references = readObjects(data, 'references');
  const canAddReference = readArray(data, 'references') !== undefined && references.length < MAX_REFERENCES;
  const addReference = () => {
    const taken = new Set(references.map((r) => readString(r, 'handleId')));
    let slot = 0;
    while (taken.has(`refImage_${slot}`)) slot++;
    const reference = {
      id: `ref_${Date.now().toString(36)}`,
      role: 'subject',
      label: `Reference ${references.length + 1}`,
      description: '',
      handleId: `refImage_${slot}`,
    };
    useEditor
      .getState()
      .updateNodeData(id, { references: [...(readArray(data, 'references') ?? []), reference] });
  };
  return (
    <NodeCard
      id={id}
      type="storyboard"
      data={data}
      selected={selected}
      icon="film"
      minWidth={280}
      meta={scenes.length ? `${scenes.length} scenes` : undefined}
    >
      <div className="knode__body knode__body--stack">
        <Words
          id={id}
          field="concept"
          value={readString(data, 'concept') ?? ''}
          placeholder="The story in a sentence…"
          label="Concept"
          rows={2}
        />
        {(references.length > 0 || canAddReference) && (
          <div className="ref-chips">
            {references.map((ref, i) => (
              <span
                key={readString(ref, 'id') ?? i}
                className="ref-chip"
                title={readString(ref, 'description') ?? ''}
              >
                <span className="ref-chip__role">{words(readString(ref, 'role') ?? 'ref')}</span>
                {readString(ref, 'label') || `Reference ${i + 1}`}
              </span>
            ))}
            {canAddReference && (
              <button
                type="button"
                className="ref-chip ref-chip--add nodrag"
                onClick={addReference}
                title="Add a reference image input"
              >
                <Icon name="plus" size={11} strokeWidth={2.2} /> Reference
              </button>
            )}
          </div>
        )}
        {scenes.length > 0 ? (
          <ol className="plan-list nowheel" aria-label="Scenes">
            {scenes.map((scene, i) => (
              <li key={i} className="plan-list__item">
                <span className="plan-list__number">{scene.number}</span>
                <div className="plan-list__text">
                  <span className="plan-list__title">{scene.title || `Scene ${scene.number}`}</span>
                  {(scene.camera || scene.mood) && (
                    <span className="plan-list__meta">
                      {[scene.camera, scene.mood].filter(Boolean).join(' · ')}
                    </span>
                  )}
                  {(scene.description || scene.prompt) && (
                    <span className="plan-list__desc">{scene.description || scene.prompt}</span>
                  )}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <OutputPlaceholder icon="film">Planned scenes appear here</OutputPlaceholder>
        )}
        {summary && <p className="knode__note">{summary}</p>}
        <NodeStatus data={data} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="sceneCount"
            value={readNumber(data, 'sceneCount')}
            fallback={4}
            options={choices(STORYBOARD_SCENE_COUNTS, (n) => `${n} scenes`)}
            label="Scenes"
          />
          <SettingSelect
            id={id}
            field="style"
            value={readString(data, 'style')}
            fallback="cinematic"
            options={choices(STORYBOARD_STYLES, words)}
            label="Style"
          />
          <SettingSelect
            id={id}
            field="mode"
            value={readString(data, 'mode')}
            fallback="transition"
            options={choices(STORYBOARD_MODES, words)}
            label="Mode"
          />
          <SettingSelect
            id={id}
            field="targetVideoModel"
            value={readString(data, 'targetVideoModel')}
            fallback="veo"
            options={choices(STORYBOARD_VIDEO_MODELS, words)}
            label="Video model"
          />
          <PlanButton />
        </SettingsRow>
      </div>
    </NodeCard>
  );
});

/** Plans shots of a product; each planned shot can be switched off. */
export const ProductShotNode = memo(function ProductShotNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { shots, summary } = productShots(data);
  const { updateNodeData, sealHistory } = useEditor.getState();
  const toggle = (index: number) => {
    const result = readObject(data, 'result') ?? {};
    const list = readArray(result, 'shots') ?? [];
    const next = list.map((shot, i) =>
      i === index && shot && typeof shot === 'object'
        ? { ...shot, enabled: (shot as Record<string, unknown>).enabled === false }
        : shot,
    );
    updateNodeData(id, { result: { ...result, shots: next } });
  };
  const enabled = shots.filter((s) => s.enabled).length;
  return (
    <NodeCard
      id={id}
      type="productShot"
      data={data}
      selected={selected}
      icon="camera"
      minWidth={260}
      meta={shots.length ? `${enabled}/${shots.length} shots` : undefined}
    >
      <div className="knode__body knode__body--stack">
        <input
          className="knode__input nodrag"
          value={readString(data, 'productName') ?? ''}
          placeholder="Product name"
          aria-label="Product name"
          data-testid="node-words"
          onChange={(e) =>
            updateNodeData(
              id,
              { productName: e.target.value },
              { typing: true, coalesceKey: `productName:${id}` },
            )
          }
          onBlur={sealHistory}
        />
        {readString(data, 'additionalNotes') && (
          <p className="knode__note">{readString(data, 'additionalNotes')}</p>
        )}
        {shots.length > 0 ? (
          <ol className="plan-list nowheel" aria-label="Shots">
            {shots.map((shot, i) => (
              <li key={i} className={`plan-list__item${shot.enabled ? '' : ' is-off'}`}>
                <input
                  type="checkbox"
                  className="plan-list__check nodrag"
                  checked={shot.enabled}
                  aria-label={`Use shot ${shot.number}`}
                  onChange={() => toggle(i)}
                />
                <div className="plan-list__text">
                  <span className="plan-list__title">
                    {shot.number}. {shot.angleName || `Shot ${shot.number}`}
                  </span>
                  {shot.camera && <span className="plan-list__meta">{shot.camera}</span>}
                  {(shot.description || shot.prompt) && (
                    <span className="plan-list__desc">{shot.description || shot.prompt}</span>
                  )}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <OutputPlaceholder icon="camera">Planned shots appear here</OutputPlaceholder>
        )}
        {summary && <p className="knode__note">{summary}</p>}
        <NodeStatus data={data} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="shotCount"
            value={readNumber(data, 'shotCount')}
            fallback={4}
            options={choices(PRODUCT_SHOT_COUNTS, (n) => `${n} shots`)}
            label="Shots"
          />
          <SettingSelect
            id={id}
            field="background"
            value={readString(data, 'background')}
            fallback="studio-white"
            options={choices(PRODUCT_BACKGROUNDS, words)}
            label="Background"
          />
          <SettingSelect
            id={id}
            field="lighting"
            value={readString(data, 'lighting')}
            fallback="soft"
            options={choices(PRODUCT_LIGHTING, words)}
            label="Lighting"
          />
          <PlanButton />
        </SettingsRow>
      </div>
    </NodeCard>
  );
});
