import { useState, type KeyboardEvent } from 'react';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { SegmentedControl } from '../components/SegmentedControl';
import { showToast } from '../components/toast-store';
import { describeAssetStorageError, errorField } from '../asset-storage/asset-storage-describe';
import {
  EMPTY_FORM,
  formFromStatus,
  PROVIDERS,
  providerInfo,
  savedKey,
  toAssetStorageInput,
  type AssetStorageForm,
  type ProviderId,
} from '../asset-storage/asset-storage-form';
import {
  canEdit,
  canSave,
  canTest,
  canTurnOff,
  canUploadNow,
  formBlocker,
  saveLabel,
  secretRequired,
  type Busy,
} from '../asset-storage/asset-storage-rules';
import { useAssetStorage } from '../asset-storage/asset-storage-store';
import { toErrorPayload } from '../storage/errors';
import { AssetStorageEnvironment, AssetUploadStatus } from './AssetStoragePanels';
import { Row, Section } from './SettingsLayout';

/** Test connection's answer, for the form as it was (`version`) when the test ran. */
type TestOutcome =
  | { state: 'testing'; version: number }
  | { state: 'ok'; version: number }
  | { state: 'failed'; version: number; message: string; field: keyof AssetStorageForm | null };

type Failure = { message: string; field: keyof AssetStorageForm | null };

const FIELD_IDS: Record<keyof AssetStorageForm, string> = {
  provider: 'asset-storage-provider',
  bucket: 'asset-storage-bucket',
  endpoint: 'asset-storage-endpoint',
  region: 'asset-storage-region',
  accessKey: 'asset-storage-access-key',
  secretKey: 'asset-storage-secret',
  prefix: 'asset-storage-prefix',
};

const DESCRIPTION_OFF =
  'Images, videos and audio are kept on this computer. Mirror them to an S3-compatible bucket ' +
  '(Amazon S3, Cloudflare R2 or Supabase Storage) so canvases open with their media on your other ' +
  'devices and on a team database.';
const DESCRIPTION_ON =
  'Images, videos and audio are kept on this computer and copied to your bucket in the background; ' +
  'other devices fetch the files they miss when they first show them.';

/**
 * Settings → Asset storage (desktop only): a bucket that mirrors every asset file. Local files are
 * always kept. The secret key typed here is sent to the app and never shown again: after saving
 * the field is emptied, and leaving it empty while editing keeps the saved key.
 */
export function AssetStorageSection() {
  const status = useAssetStorage((s) => s.status);
  const statusError = useAssetStorage((s) => s.statusError);
  const [form, setForm] = useState<AssetStorageForm>(() => (status ? formFromStatus(status) : EMPTY_FORM));
  const [filledFrom, setFilledFrom] = useState(() => savedKey(status));
  // Bumped on every edit: a test answers for the version it ran with.
  const [version, setVersion] = useState(0);
  const [showSecret, setShowSecret] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);

  // The saved bucket fills the form when it first arrives or changes (the typed secret never stays).
  const saved = savedKey(status);
  if (saved !== filledFrom) {
    setFilledFrom(saved);
    if (status?.enabled) setForm(formFromStatus(status));
  }

  const enabled = status?.enabled ?? false;
  const provider = providerInfo(form.provider);
  const rules = { status, form, busy };
  const blocker = formBlocker(rules);
  const currentTest = test && test.version === version ? test : null;
  const badField = failure?.field ?? (currentTest?.state === 'failed' ? currentTest.field : null);

  const edit = (change: Partial<AssetStorageForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setVersion((v) => v + 1);
    setFailure(null);
  };

  const failed = (raw: unknown, secret: string): Failure => {
    const error: ErrorPayload = toErrorPayload(raw);
    return { message: describeAssetStorageError(error, 'form', secret), field: errorField(error) };
  };

  const runTest = async () => {
    if (!canTest(rules)) return;
    const tested = version;
    const secret = form.secretKey;
    setBusy('testing');
    setFailure(null);
    setTest({ state: 'testing', version: tested });
    try {
      await useAssetStorage.getState().test(toAssetStorageInput(form));
      setTest((t) => (t?.version === tested ? { state: 'ok', version: tested } : t));
    } catch (raw) {
      const why = failed(raw, secret);
      setTest((t) => (t?.version === tested ? { state: 'failed', version: tested, ...why } : t));
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!canSave(rules)) return;
    const secret = form.secretKey;
    const wasOn = enabled;
    setBusy('saving');
    setFailure(null);
    try {
      const next = await useAssetStorage.getState().save(toAssetStorageInput(form));
      // Sent once: the secret leaves the page, and the form shows what the app saved.
      setForm(formFromStatus(next));
      setFilledFrom(savedKey(next));
      setShowSecret(false);
      setTest(null);
      setVersion((v) => v + 1);
      showToast({
        message: wasOn
          ? 'Asset storage saved'
          : `Asset storage is on — files upload to “${next.bucket ?? 'the bucket'}” in the background`,
        tone: 'success',
      });
    } catch (raw) {
      const why = failed(raw, secret);
      setFailure({ ...why, message: `Couldn’t ${wasOn ? 'save' : 'turn on'}: ${why.message}` });
    } finally {
      setBusy(null);
    }
  };

  const turnOff = async () => {
    setConfirmOff(false);
    setBusy('turning-off');
    setFailure(null);
    try {
      await useAssetStorage.getState().save(null);
      // The bucket's details stay in the form, to turn it back on; the secret has to be typed again.
      setForm((f) => ({ ...f, secretKey: '' }));
      setFilledFrom('');
      setTest(null);
      setVersion((v) => v + 1);
      showToast({
        message: 'Asset storage is off — files already uploaded stay in the bucket',
        tone: 'success',
      });
    } catch (raw) {
      setFailure({ message: `Couldn’t turn off: ${failed(raw, '').message}`, field: null });
    } finally {
      setBusy(null);
    }
  };

  const uploadNow = async () => {
    setBusy('uploading');
    try {
      await useAssetStorage.getState().uploadNow();
    } catch (raw) {
      showToast({
        message: `Could not upload: ${describeAssetStorageError(toErrorPayload(raw))}`,
        tone: 'error',
      });
    } finally {
      setBusy(null);
    }
  };

  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void runTest();
  };

  const field = (name: Exclude<keyof AssetStorageForm, 'provider'>) => ({
    id: FIELD_IDS[name],
    value: form[name],
    spellCheck: false,
    autoComplete: 'off',
    autoCapitalize: 'off',
    'aria-invalid': badField === name || undefined,
    'aria-describedby':
      badField === name ? (failure ? 'asset-storage-error' : 'asset-storage-test-result') : undefined,
    onChange: (e: { target: { value: string } }) => edit({ [name]: e.target.value }),
    onKeyDown: onEnter,
  });

  const formShown = canEdit(status);

  return (
    <Section description={enabled ? DESCRIPTION_ON : DESCRIPTION_OFF}>
      {statusError && (
        <p className="settings-error" role="alert" data-testid="asset-storage-status-error">
          {statusError}{' '}
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            onClick={() => void useAssetStorage.getState().refresh()}
          >
            Try again
          </button>
        </p>
      )}

      <AssetUploadStatus
        status={status}
        canUpload={canUploadNow(status, busy)}
        uploading={busy === 'uploading'}
        onUploadNow={() => void uploadNow()}
      />

      {status?.fromEnvironment && <AssetStorageEnvironment status={status} />}

      {formShown && (
        <>
          <Row label="Provider">
            <SegmentedControl<ProviderId>
              label="Provider"
              value={form.provider}
              onChange={(id) => edit({ provider: id })}
              options={PROVIDERS.map((p) => ({
                value: p.id,
                label: p.label,
                testId: `asset-storage-provider-${p.id}`,
              }))}
            />
          </Row>
          <Row className="settings-row--field" label="Bucket" htmlFor="asset-storage-bucket">
            <input
              {...field('bucket')}
              className="input asset-field"
              type="text"
              placeholder="koda-assets"
              data-testid="asset-storage-bucket"
            />
          </Row>
          <Row
            className="settings-row--field"
            label={provider.needsEndpoint ? 'Endpoint' : 'Endpoint (optional)'}
            hint={provider.endpointHint}
            htmlFor="asset-storage-endpoint"
          >
            <input
              {...field('endpoint')}
              className="input asset-field"
              type="url"
              placeholder={provider.endpointPlaceholder}
              data-testid="asset-storage-endpoint"
            />
          </Row>
          <Row
            className="settings-row--field"
            label="Region"
            hint={provider.regionHint}
            htmlFor="asset-storage-region"
          >
            <input
              {...field('region')}
              className="input asset-field"
              type="text"
              placeholder={provider.regionPlaceholder}
              data-testid="asset-storage-region"
            />
          </Row>
          <Row
            className="settings-row--field"
            label="Access key ID"
            hint={provider.keysHint}
            htmlFor="asset-storage-access-key"
          >
            <input
              {...field('accessKey')}
              className="input asset-field"
              type="text"
              data-testid="asset-storage-access-key"
            />
          </Row>
          <Row
            className="settings-row--field"
            label="Secret access key"
            hint={
              secretRequired(status)
                ? 'Kept sealed on this computer, never shown again.'
                : 'Leave empty to keep the saved key.'
            }
            htmlFor="asset-storage-secret"
          >
            <div className="secret-field">
              <input
                {...field('secretKey')}
                className="input asset-field asset-field--secret"
                type={showSecret ? 'text' : 'password'}
                placeholder={secretRequired(status) ? '' : 'Saved — leave empty to keep it'}
                autoComplete="new-password"
                data-testid="asset-storage-secret"
              />
              <button
                type="button"
                className="btn btn--ghost btn--icon btn--sm secret-field__toggle"
                aria-label={showSecret ? 'Hide secret key' : 'Show secret key'}
                aria-pressed={showSecret}
                aria-controls="asset-storage-secret"
                title={showSecret ? 'Hide secret key' : 'Show secret key'}
                data-testid="asset-storage-secret-toggle"
                onClick={() => setShowSecret((v) => !v)}
              >
                <Icon name={showSecret ? 'eyeOff' : 'eye'} size={15} />
              </button>
            </div>
          </Row>
          <Row
            className="settings-row--field"
            label="Folder prefix"
            hint="Optional: “koda/” when empty."
            htmlFor="asset-storage-prefix"
          >
            <input
              {...field('prefix')}
              className="input asset-field"
              type="text"
              placeholder="koda/"
              data-testid="asset-storage-prefix"
            />
          </Row>
          <div className="sync-actions">
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              data-testid="asset-storage-test"
              disabled={!canTest(rules)}
              aria-describedby={blocker ? 'asset-storage-hint' : undefined}
              onClick={() => void runTest()}
            >
              <Icon name="link" size={14} />
              {busy === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
            <button
              type="button"
              className="btn btn--primary btn--sm"
              data-testid="asset-storage-save"
              disabled={!canSave(rules)}
              aria-describedby={blocker ? 'asset-storage-hint' : undefined}
              onClick={() => void save()}
            >
              <Icon name={enabled ? 'check' : 'upload'} size={14} />
              {saveLabel(status, busy)}
            </button>
          </div>
          {currentTest && currentTest.state !== 'testing' && (
            <div
              className={`database-test database-test--${currentTest.state}`}
              id="asset-storage-test-result"
              data-testid="asset-storage-test-result"
              data-ok={currentTest.state === 'ok'}
              role="status"
            >
              <Icon name={currentTest.state === 'ok' ? 'check' : 'alert'} size={13} strokeWidth={2.2} />
              {currentTest.state === 'ok' ? (
                <span>
                  <strong>Connection works</strong>
                  <span className="database-test__fact">
                    {' '}
                    · the bucket answered with these keys; writing is checked with the first upload
                  </span>
                </span>
              ) : (
                <span>{currentTest.message}</span>
              )}
            </div>
          )}
          {blocker && busy === null && (
            <p className="database-hint" id="asset-storage-hint" data-testid="asset-storage-hint">
              {blocker}
            </p>
          )}
          {failure && (
            <p
              className="settings-error database-error"
              id="asset-storage-error"
              role="alert"
              data-testid="asset-storage-error"
            >
              {failure.message}
            </p>
          )}
          {enabled && (
            <Row
              label="Turn off"
              hint="Files already uploaded stay in the bucket; files on this computer are kept."
            >
              <button
                type="button"
                className="btn btn--secondary btn--sm"
                data-testid="asset-storage-turn-off"
                disabled={!canTurnOff(status, busy)}
                onClick={() => setConfirmOff(true)}
              >
                <Icon name="cloudOff" size={14} />
                {busy === 'turning-off' ? 'Turning off…' : 'Turn off'}
              </button>
            </Row>
          )}
        </>
      )}

      {confirmOff && (
        <ConfirmDialog
          title="Turn off asset storage?"
          message={
            `Koda stops uploading to “${status?.bucket ?? 'the bucket'}”. Files already uploaded stay in ` +
            'the bucket and every file on this computer is kept, but other devices will miss media added ' +
            'from now on. The secret key is forgotten; type it again to turn storage back on.'
          }
          confirmLabel="Turn off"
          onConfirm={() => void turnOff()}
          onCancel={() => setConfirmOff(false)}
        />
      )}
    </Section>
  );
}
