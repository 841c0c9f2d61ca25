import { useEffect, useState } from 'react';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import { Icon } from '../components/Icon';
import { Switch } from '../components/Switch';
import { showToast } from '../components/toast-store';
import { useNow } from '../dashboard/use-now';
import { useOnPostgres } from '../database/database-store';
import { toErrorPayload } from '../storage/errors';
import { describeSyncError, syncStateOf, syncStatusLine } from '../sync/sync-describe';
import { useSync } from '../sync/sync-store';
import { EmptyState, Row, Section } from './SettingsLayout';

type TestResult = { state: 'testing' } | { state: 'ok' } | { state: 'failed'; message: string };

/**
 * Settings → Cloud sync (desktop only): on/off, database URL, auth token (write-only: never shown,
 * only "A token is stored"), Test connection, Sync now, and the status with the last sync time.
 * On a team PostgreSQL database it only explains why it is not needed.
 */
export function CloudSyncSection() {
  const status = useSync((s) => s.status);
  const now = useNow(15_000);
  const onPostgres = useOnPostgres();
  const [url, setUrl] = useState(status?.url ?? '');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'saving' | 'syncing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);

  // The stored URL fills the field when it first arrives (or changes elsewhere, e.g. the CLI).
  const storedUrl = status?.url ?? '';
  useEffect(() => setUrl(storedUrl), [storedUrl]);

  if (onPostgres) {
    return (
      <Section>
        <EmptyState
          icon="database"
          title="Not needed on a team database"
          testId="sync-unavailable"
          reason="postgres"
        >
          Cloud sync copies the SQLite file on this computer to your other computers. Your canvases are on a
          PostgreSQL server, which everyone who uses it shares already.
        </EmptyState>
      </Section>
    );
  }

  const enabled = status?.enabled ?? false;
  const state = status ? syncStateOf(status) : 'off';
  const changed = url.trim() !== storedUrl || token !== '';

  const fail = (raw: unknown) => {
    const message = describeSyncError(toErrorPayload(raw) as ErrorPayload);
    setError(message);
    showToast({ message: `Cloud sync: ${message}`, tone: 'error' });
  };

  const apply = async (nextEnabled: boolean) => {
    if (nextEnabled && !url.trim()) {
      setError('Enter the database URL first.');
      return;
    }
    setBusy('saving');
    setError(null);
    try {
      await useSync.getState().configure(nextEnabled, url.trim(), token === '' ? null : token);
      // The token is write-only: once stored it is never shown again.
      setToken('');
    } catch (raw) {
      fail(raw);
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    if (!url.trim()) {
      setTest({ state: 'failed', message: 'Enter the database URL first.' });
      return;
    }
    setTest({ state: 'testing' });
    try {
      await useSync.getState().test(url.trim(), token === '' ? null : token);
      setTest({ state: 'ok' });
    } catch (raw) {
      setTest({ state: 'failed', message: describeSyncError(toErrorPayload(raw)) });
    }
  };

  const syncNow = async () => {
    setBusy('syncing');
    setError(null);
    try {
      await useSync.getState().syncNow();
    } catch (raw) {
      fail(raw);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section description="Koda syncs through a Turso (libSQL) database you own. Editing never waits for the network.">
      <Row
        label="Sync"
        hint={
          enabled
            ? 'Changes go up and come down in the background.'
            : 'Off: everything stays on this computer.'
        }
      >
        <Switch
          label="Cloud sync"
          testId="sync-enabled"
          checked={enabled}
          onChange={(next) => void apply(next)}
        />
      </Row>
      <Row label="Database URL" htmlFor="sync-url">
        <input
          id="sync-url"
          className="input input--wide"
          type="url"
          value={url}
          placeholder="libsql://your-database.turso.io"
          spellCheck={false}
          autoComplete="off"
          data-testid="sync-url"
          onChange={(e) => setUrl(e.target.value)}
        />
      </Row>
      <Row
        label="Auth token"
        hint={status?.hasToken ? undefined : 'Kept encrypted on this computer, never shown again.'}
        htmlFor="sync-token"
      >
        {status?.hasToken && (
          <span className="sync-token-stored" data-testid="sync-token-stored">
            <Icon name="check" size={12} strokeWidth={2.4} />A token is stored
          </span>
        )}
        <input
          id="sync-token"
          className="input input--wide"
          type="password"
          value={token}
          placeholder={status?.hasToken ? 'Type a new token to replace it' : 'Paste your token'}
          autoComplete="new-password"
          spellCheck={false}
          data-testid="sync-token"
          onChange={(e) => setToken(e.target.value)}
        />
      </Row>
      <div className="sync-actions">
        {changed && (
          <button
            type="button"
            className="btn btn--primary btn--sm"
            data-testid="sync-save"
            disabled={busy !== null}
            onClick={() => void apply(enabled)}
          >
            Save
          </button>
        )}
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          data-testid="sync-test"
          disabled={test?.state === 'testing'}
          onClick={() => void runTest()}
        >
          <Icon name="link" size={14} />
          {test?.state === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          data-testid="sync-now"
          disabled={!enabled || busy !== null || state === 'syncing'}
          onClick={() => void syncNow()}
        >
          <Icon name="restore" size={14} />
          {busy === 'syncing' || state === 'syncing' ? 'Syncing…' : 'Sync now'}
        </button>
        {test && test.state !== 'testing' && (
          <span
            className={`sync-test sync-test--${test.state}`}
            data-testid="sync-test-result"
            data-ok={test.state === 'ok'}
          >
            <Icon name={test.state === 'ok' ? 'check' : 'alert'} size={13} strokeWidth={2.2} />
            {test.state === 'ok' ? 'Connection works' : test.message}
          </span>
        )}
      </div>
      {error && (
        <p className="settings-error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
      <Row label="Status">
        <span className="sync-status" data-testid="sync-status" data-state={state}>
          <span className={`sync-dot sync-dot--${state}`} aria-hidden="true" />
          {status ? syncStatusLine(status, now) : '…'}
        </span>
      </Row>
    </Section>
  );
}
