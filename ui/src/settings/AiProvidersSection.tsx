import { useEffect, useState } from 'react';
import { useApp } from '../app/app-store';
import type { Settings } from '../bindings/Settings';
import {
  IMAGE_MODELS,
  LEGACY_IMAGE_MODEL_IDS,
  LEGACY_VIDEO_MODEL_IDS,
  MUSIC_MODELS,
  settingsModelId,
  SPEECH_MODELS,
  VIDEO_AUDIO_MODELS,
  VIDEO_MODELS,
  type NamedOption,
} from '../canvas/models';
import { defaultData } from '../canvas/node-specs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { showToast } from '../components/toast-store';
import { FAL_KEY } from '../generation/generation-client';
import { describeKeyTest, formatUsd, keyLocationLabel, parseUsd } from '../generation/generation-describe';
import { useGeneration } from '../generation/generation-store';
import { capShare } from '../generation/generation-totals';
import { toErrorPayload } from '../storage/errors';
import { NumberField } from './NumberField';
import { Row, Section } from './SettingsLayout';

type TestResult =
  { state: 'testing' } | { state: 'ok'; typed: boolean } | { state: 'failed'; message: string };

/** Runs at once: the app drives at most eight. */
const PARALLEL_MIN = 1;
const PARALLEL_MAX = 8;

interface ModelChoice {
  type: 'imageGenerator' | 'videoGenerator' | 'speech' | 'videoAudio';
  label: string;
  options: NamedOption[];
  /** Older test ids, kept for the image and video pickers. */
  testId?: string;
}

const MODEL_CHOICES: ModelChoice[] = [
  { type: 'imageGenerator', label: 'Image', options: IMAGE_MODELS, testId: 'default-image-model' },
  { type: 'videoGenerator', label: 'Video', options: VIDEO_MODELS, testId: 'default-video-model' },
  { type: 'speech', label: 'Speech', options: SPEECH_MODELS },
  { type: 'videoAudio', label: 'Video audio', options: VIDEO_AUDIO_MODELS },
];

/** The model new nodes of a type start with (and the app uses for nodes that name none). */
function defaultModelOf(settings: Settings, type: ModelChoice['type']): string {
  const chosen = settings.generation?.defaultModels?.[type];
  if (type === 'imageGenerator')
    return (
      settingsModelId(settings.defaultImageModel, LEGACY_IMAGE_MODEL_IDS) ??
      chosen ??
      String(defaultData('imageGenerator').model)
    );
  if (type === 'videoGenerator')
    return (
      settingsModelId(settings.defaultVideoModel, LEGACY_VIDEO_MODEL_IDS) ??
      chosen ??
      String(defaultData('videoGenerator').model)
    );
  return chosen ?? String(defaultData(type).model);
}

function withDefaultModel(settings: Settings, type: ModelChoice['type'], model: string): Settings {
  const generation = settings.generation ?? { parallelRuns: 3, defaultModels: {} };
  const next: Settings = {
    ...settings,
    generation: { ...generation, defaultModels: { ...generation.defaultModels, [type]: model } },
  };
  if (type === 'imageGenerator') next.defaultImageModel = model;
  if (type === 'videoGenerator') next.defaultVideoModel = model;
  return next;
}

/**
 * Settings → AI providers: the fal key (typed once into a password field, saved to the keychain
 * or a sealed file, never shown again; tested before or after saving; replaced or removed), the
 * default model per node type, how many runs go at once and the monthly spending cap with this
 * month's spend. In the browser only the default models (generating needs the desktop app).
 */
export function AiProvidersSection({ desktop }: { desktop: boolean }) {
  const settings = useApp((s) => s.settings);
  const updateSettings = useApp((s) => s.updateSettings);
  const available = useGeneration((s) => s.backend !== null);
  const keys = useGeneration((s) => s.keys);
  const spend = useGeneration((s) => s.spend);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState<'saving' | 'removing' | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [keysError, setKeysError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const generation = settings.generation ?? { parallelRuns: 3, defaultModels: {} };

  useEffect(() => {
    if (!available) return;
    const store = useGeneration.getState();
    store.loadKeys().catch((raw) => setKeysError(toErrorPayload(raw).message));
    void store.refreshSpend();
  }, [available]);

  const fal = keys?.find((k) => k.name === FAL_KEY);
  const fromEnvironment = fal?.location === 'environment';

  const save = async () => {
    const key = typed.trim();
    if (!key) return;
    setBusy('saving');
    setTest(null);
    try {
      const location = await useGeneration.getState().setKey(key);
      // Write-only: the key leaves the page's state as soon as the app has it.
      setTyped('');
      showToast({ message: `fal key saved · ${keyLocationLabel(location).toLowerCase()}`, tone: 'success' });
    } catch (raw) {
      showToast({
        message: `Couldn’t save the key: ${toErrorPayload(raw).message}`,
        tone: 'error',
        durationMs: 7000,
      });
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    const key = typed.trim();
    setTest({ state: 'testing' });
    try {
      await useGeneration.getState().testKey(key || undefined);
      setTest({ state: 'ok', typed: key !== '' });
    } catch (raw) {
      setTest({ state: 'failed', message: describeKeyTest(toErrorPayload(raw)) });
    }
  };

  const remove = async () => {
    setConfirmRemove(false);
    setBusy('removing');
    setTest(null);
    try {
      await useGeneration.getState().removeKey();
      showToast({ message: 'fal key removed from this computer' });
    } catch (raw) {
      showToast({
        message: `Couldn’t remove the key: ${toErrorPayload(raw).message}`,
        tone: 'error',
        durationMs: 7000,
      });
    } finally {
      setBusy(null);
    }
  };

  const models = (
    <Row
      label="Default models"
      hint="What new nodes start with, and what runs a node that names no model."
      className="settings-row--field"
    >
      <div className="ai-models">
        {MODEL_CHOICES.map((choice) => (
          <label key={choice.type} className="ai-models__item">
            <span className="ai-models__label">{choice.label}</span>
            <select
              className="select"
              value={defaultModelOf(settings, choice.type)}
              data-testid={choice.testId ?? `ai-default-model-${choice.type}`}
              onChange={(e) => updateSettings((s) => withDefaultModel(s, choice.type, e.target.value))}
            >
              {choice.options.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="ai-models__item">
          <span className="ai-models__label">Music</span>
          <span className="ai-models__fixed">{MUSIC_MODELS[0].label}</span>
        </label>
      </div>
    </Row>
  );

  if (!desktop) {
    return (
      <Section testId="settings-ai" id="settings-ai">
        <div className="settings-note" data-testid="ai-unavailable">
          <Icon name="monitor" size={14} />
          Generating runs in the Koda desktop app, with your own fal.ai key. This browser shows the outputs
          saved in your canvases.
        </div>
        {models}
      </Section>
    );
  }

  const share = capShare(spend?.thisMonthUsd ?? 0, generation.monthlyCapUsd);
  return (
    <Section
      description={
        'Koda generates with fal.ai using your own key: you pay fal directly, and Koda shows what a run ' +
        'should cost before it starts.'
      }
      testId="settings-ai"
      id="settings-ai"
    >
      <Row
        label="fal API key"
        hint={
          fromEnvironment
            ? undefined
            : 'Kept in the system keychain (or sealed in the data folder), never shown again.'
        }
        htmlFor="ai-key-input"
        className="settings-row--field"
      >
        <div className="ai-key">
          <span
            className={`ai-key__state${fal ? ' is-set' : ''}`}
            data-testid="ai-key-location"
            data-location={fal?.location ?? ''}
          >
            <Icon name={fal ? 'check' : 'key'} size={12} strokeWidth={2.4} />
            {keys === null
              ? keysError
                ? `Couldn’t read the keys: ${keysError}`
                : 'Checking…'
              : fal
                ? keyLocationLabel(fal.location)
                : 'No key yet — create one at fal.ai/dashboard/keys'}
          </span>
          {fromEnvironment ? (
            <p className="ai-key__env">Unset FAL_KEY and restart Koda to use a key saved here instead.</p>
          ) : (
            <input
              id="ai-key-input"
              className="input asset-field asset-field--secret"
              type="password"
              value={typed}
              placeholder={fal ? 'Paste a new key to replace it' : 'Paste your fal key'}
              autoComplete="off"
              spellCheck={false}
              data-testid="ai-key-input"
              onChange={(e) => {
                setTyped(e.target.value);
                setTest(null);
              }}
              onKeyDown={(e) => e.key === 'Enter' && void save()}
            />
          )}
        </div>
      </Row>
      <div className="sync-actions">
        {test && test.state !== 'testing' && (
          <span
            className={`sync-test sync-test--${test.state}`}
            data-testid="ai-key-test-result"
            data-ok={test.state === 'ok'}
          >
            <Icon name={test.state === 'ok' ? 'check' : 'alert'} size={13} strokeWidth={2.2} />
            {test.state === 'ok' ? (test.typed ? 'This key works' : 'The saved key works') : test.message}
          </span>
        )}
        {fal && !fromEnvironment && (
          <button
            type="button"
            className="btn btn--danger-ghost btn--sm"
            data-testid="ai-key-remove"
            disabled={busy !== null}
            onClick={() => setConfirmRemove(true)}
          >
            <Icon name="trash" size={14} />
            Remove
          </button>
        )}
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          data-testid="ai-key-test"
          disabled={test?.state === 'testing' || (!typed.trim() && !fal)}
          onClick={() => void runTest()}
        >
          <Icon name="link" size={14} />
          {test?.state === 'testing' ? 'Testing…' : typed.trim() ? 'Test this key' : 'Test saved key'}
        </button>
        {!fromEnvironment && (
          <button
            type="button"
            className="btn btn--primary btn--sm"
            data-testid="ai-key-save"
            disabled={!typed.trim() || busy !== null}
            onClick={() => void save()}
          >
            <Icon name="check" size={14} />
            {busy === 'saving' ? 'Saving…' : fal ? 'Replace key' : 'Save key'}
          </button>
        )}
      </div>

      {models}

      <Row
        label="Runs at once"
        hint="Generate and Run all send at most this many runs to fal together; the rest wait their turn."
        htmlFor="ai-parallel-runs"
      >
        <NumberField
          id="ai-parallel-runs"
          testId="ai-parallel-runs"
          value={generation.parallelRuns}
          min={PARALLEL_MIN}
          max={PARALLEL_MAX}
          onCommit={(parallelRuns) =>
            updateSettings((s) => ({ ...s, generation: { ...(s.generation ?? generation), parallelRuns } }))
          }
        />
      </Row>

      <Row
        label="Monthly cap"
        hint="Runs that would pass it this month are refused. Leave empty for no cap."
        htmlFor="ai-monthly-cap"
        className="settings-row--field"
      >
        <div className="ai-cap">
          <CapField
            value={generation.monthlyCapUsd}
            onCommit={(monthlyCapUsd) =>
              updateSettings((s) => ({
                ...s,
                generation: { ...(s.generation ?? generation), monthlyCapUsd: monthlyCapUsd ?? undefined },
              }))
            }
          />
          <span className="ai-cap__spent" data-testid="ai-spend" data-usd={spend?.thisMonthUsd ?? ''}>
            {spend ? `${formatUsd(spend.thisMonthUsd)} spent this month` : '…'}
          </span>
          {share !== null && (
            <span
              className={`ai-cap__bar${share >= 0.9 ? ' is-near' : ''}`}
              role="progressbar"
              aria-label="Share of the monthly cap used"
              aria-valuenow={Math.round(share * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <span style={{ width: `${share * 100}%` }} />
            </span>
          )}
        </div>
      </Row>

      {confirmRemove && (
        <ConfirmDialog
          title="Remove the fal key?"
          message="Generating stops until a key is added again. Runs already at fal still finish."
          confirmLabel="Remove key"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
        />
      )}
    </Section>
  );
}

/** Dollars, saved on blur or Enter; empty is no cap; anything else goes back to what it was. */
function CapField({
  value,
  onCommit,
}: {
  value: number | undefined;
  onCommit: (usd: number | null) => void;
}) {
  const shown = value === undefined || value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    const parsed = parseUsd(draft);
    if (parsed === undefined) {
      setDraft(shown);
      return;
    }
    setDraft(parsed === null ? '' : String(parsed));
    if ((parsed ?? undefined) !== (value ?? undefined)) onCommit(parsed);
  };
  return (
    <span className="money-field">
      <span className="money-field__unit" aria-hidden="true">
        $
      </span>
      <input
        id="ai-monthly-cap"
        className="input money-field__input"
        inputMode="decimal"
        value={draft}
        placeholder="No cap"
        data-testid="ai-monthly-cap"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </span>
  );
}
