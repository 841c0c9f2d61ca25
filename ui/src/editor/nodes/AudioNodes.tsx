import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { readBoolean, readNumber, readObjects, readString } from '../../canvas/node-data';
import {
  LIPSYNC_MODEL,
  MUSIC_DURATIONS,
  SPEECH_LANGUAGES,
  SPEECH_MODELS,
  SPEECH_SPEEDS,
  SPEECH_VOICES,
  SYNC_MODES,
  VIDEO_AUDIO_MODELS,
  VOICE_CLONING_SPEECH_MODELS,
} from '../../canvas/models';
import type { KodaNode } from '../persisted';
import { choices } from './choices';
import { outputCountLabel } from '../../canvas/output-history';
import { NodeStatus, OutputPlaceholder, SettingSelect, SettingsRow, ToggleChip, Words } from './controls';
import { GenerationFooter } from './GenerationFooter';
import { NodeCard } from './NodeCard';
import { OutputGallery } from './OutputGallery';

const seconds = (s: number) => (s >= 60 ? `${s / 60} min` : `${s}s`);
const SPEECH_MODEL_CHOICES = SPEECH_MODELS.map((m) => ({ value: m.id, label: m.label }));
const VIDEO_AUDIO_MODEL_CHOICES = VIDEO_AUDIO_MODELS.map((m) => ({ value: m.id, label: m.label }));
const VOICE_CHOICES = choices(SPEECH_VOICES, (v) => v[0].toUpperCase() + v.slice(1));
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1).replace(/[_-]/g, ' ') : s);

/** Music from a description (ACE-Step in Koda web; the node has no model field). */
export const MusicGeneratorNode = memo(function MusicGeneratorNode({
  id,
  data,
  selected,
}: NodeProps<KodaNode>) {
  return (
    <NodeCard
      id={id}
      type="musicGenerator"
      data={data}
      selected={selected}
      meta={outputCountLabel(data, 'audio')}
      icon="music"
      minWidth={240}
    >
      <div className="knode__body knode__body--stack">
        <Words
          id={id}
          field="prompt"
          value={readString(data, 'prompt') ?? ''}
          placeholder="Describe the music…"
          label="Prompt"
          rows={3}
          enhance="music"
        />
        <OutputGallery
          id={id}
          data={data}
          kind="audio"
          placeholder={<OutputPlaceholder icon="music">The track appears here</OutputPlaceholder>}
        />
        <NodeStatus data={data} errors={false} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="duration"
            value={readNumber(data, 'duration')}
            fallback={30}
            options={choices(MUSIC_DURATIONS, seconds)}
            label="Duration"
          />
          <ToggleChip
            id={id}
            field="instrumental"
            value={readBoolean(data, 'instrumental') ?? false}
            label="Instrumental"
          />
        </SettingsRow>
        <GenerationFooter id={id} data={data} />
      </div>
    </NodeCard>
  );
});

/** A voice reading words (or a dialogue), with ElevenLabs, Lux or Tada. */
export const SpeechNode = memo(function SpeechNode({ id, data, selected }: NodeProps<KodaNode>) {
  const model = readString(data, 'model');
  const dialogue = readString(data, 'mode') === 'dialogue' ? readObjects(data, 'dialogueLines') : [];
  return (
    <NodeCard
      id={id}
      type="speech"
      data={data}
      selected={selected}
      meta={outputCountLabel(data, 'audio')}
      icon="mic"
      minWidth={240}
    >
      <div className="knode__body knode__body--stack">
        <Words
          id={id}
          field="text"
          value={readString(data, 'text') ?? ''}
          placeholder="What should be said…"
          label="Text to speak"
          rows={3}
          enhance="speech"
        />
        {dialogue.length > 0 && (
          <ol className="plan-list nowheel">
            {dialogue.map((line, i) => (
              <li key={readString(line, 'id') ?? i} className="plan-list__item">
                <span className="plan-list__title">{capitalise(readString(line, 'voice') ?? 'Voice')}</span>{' '}
                {readString(line, 'text')}
              </li>
            ))}
          </ol>
        )}
        <OutputGallery
          id={id}
          data={data}
          kind="audio"
          placeholder={<OutputPlaceholder icon="mic">The voice-over appears here</OutputPlaceholder>}
        />
        <NodeStatus data={data} errors={false} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="model"
            value={model}
            fallback="elevenlabs-tts"
            options={SPEECH_MODEL_CHOICES}
            label="Model"
          />
          <SettingSelect
            id={id}
            field="voice"
            value={readString(data, 'voice')}
            fallback="rachel"
            options={VOICE_CHOICES}
            label="Voice"
          />
          <SettingSelect
            id={id}
            field="speed"
            value={readNumber(data, 'speed')}
            fallback={1}
            options={choices(SPEECH_SPEEDS, (s) => `${s}×`)}
            label="Speed"
          />
          {VOICE_CLONING_SPEECH_MODELS.includes(model ?? '') && (
            <SettingSelect
              id={id}
              field="language"
              value={readString(data, 'language')}
              fallback="en"
              options={choices(SPEECH_LANGUAGES, (l) => l.toUpperCase())}
              label="Language"
            />
          )}
        </SettingsRow>
        <GenerationFooter id={id} data={data} />
      </div>
    </NodeCard>
  );
});

/** Sound for a video (MMAudio) or lip-sync to a voice (Sync Lipsync). */
export const VideoAudioNode = memo(function VideoAudioNode({ id, data, selected }: NodeProps<KodaNode>) {
  const model = readString(data, 'model');
  const lipsync = model === LIPSYNC_MODEL;
  return (
    <NodeCard
      id={id}
      type="videoAudio"
      data={data}
      selected={selected}
      meta={outputCountLabel(data, 'video')}
      icon="waveform"
      minWidth={240}
    >
      <div className="knode__body knode__body--stack">
        {/* Sound for a video, or lip-sync notes: words about audio, enhanced as such. */}
        <Words
          id={id}
          field="prompt"
          value={readString(data, 'prompt') ?? ''}
          placeholder={lipsync ? 'Notes for the lip-sync…' : 'Describe the sound…'}
          label="Prompt"
          rows={2}
          enhance="music"
        />
        {readString(data, 'negativePrompt') && (
          <p className="knode__note">Avoid: {readString(data, 'negativePrompt')}</p>
        )}
        <OutputGallery
          id={id}
          data={data}
          kind="video"
          placeholder={
            <OutputPlaceholder icon="waveform">The video with sound appears here</OutputPlaceholder>
          }
        />
        <NodeStatus data={data} errors={false} />
        <SettingsRow>
          <SettingSelect
            id={id}
            field="model"
            value={model}
            fallback="mmaudio-v2"
            options={VIDEO_AUDIO_MODEL_CHOICES}
            label="Model"
          />
          {lipsync ? (
            <SettingSelect
              id={id}
              field="syncMode"
              value={readString(data, 'syncMode')}
              fallback="cut_off"
              options={choices(SYNC_MODES, capitalise)}
              label="Sync mode"
            />
          ) : (
            <SettingSelect
              id={id}
              field="duration"
              value={readNumber(data, 'duration')}
              fallback={10}
              options={choices([1, 2, 4, 5, 8, 10, 15, 20, 30], seconds)}
              label="Duration"
            />
          )}
        </SettingsRow>
        <GenerationFooter id={id} data={data} />
      </div>
    </NodeCard>
  );
});
