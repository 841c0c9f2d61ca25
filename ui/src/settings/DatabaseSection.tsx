import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { showToast } from '../components/toast-store';
import {
  checkFacts,
  describeDatabaseError,
  moveFailureText,
  tlsWarning,
} from '../database/database-describe';
import {
  canChooseServer,
  canMoveBack,
  canTest,
  formKey,
  moveBlocker,
  schemaOrNull,
  type TestOutcome,
} from '../database/database-rules';
import { useDatabase } from '../database/database-store';
import { toErrorPayload } from '../storage/errors';
import { DatabaseProgress, DatabaseReport } from './DatabaseMovePanel';
import { Row, Section } from './SettingsLayout';

const URL_PLACEHOLDER = 'postgres://user:password@host:5432/koda?sslmode=require';

/**
 * Settings → Database (desktop only): which database this install uses, and moving its data to a
 * team PostgreSQL server (Supabase, Neon or one's own) and back. The URL typed here is sent to the
 * app and never shown again; afterwards only the app's `displayUrl` (password hidden) appears.
 */
export function DatabaseSection() {
  const status = useDatabase((s) => s.status);
  const statusError = useDatabase((s) => s.statusError);
  const move = useDatabase((s) => s.move);
  const [url, setUrl] = useState('');
  const [schema, setSchema] = useState('');
  const [showUrl, setShowUrl] = useState(false);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [confirmBack, setConfirmBack] = useState(false);

  const onPostgres = status?.backend === 'postgres';
  const rules = { status, move: move.state, url, schema, test };
  const blocker = moveBlocker(rules);
  const key = formKey(url, schema);
  const currentTest = test && test.key === key ? test : null;

  const runTest = async () => {
    if (!canTest(rules)) return;
    const testedKey = key;
    useDatabase.getState().dismissFailure();
    setTest({ state: 'testing', key: testedKey });
    try {
      const check = await useDatabase.getState().testPostgres(url.trim(), schemaOrNull(schema));
      setTest((t) => (t?.key === testedKey ? { state: 'ok', key: testedKey, check } : t));
    } catch (raw) {
      const message = describeDatabaseError(toErrorPayload(raw));
      setTest((t) => (t?.key === testedKey ? { state: 'failed', key: testedKey, message } : t));
    }
  };

  const moveThere = async () => {
    if (blocker) return;
    const report = await useDatabase.getState().moveToPostgres(url.trim(), schemaOrNull(schema));
    if (report) {
      // Sent once; from now on only the app's displayUrl (password hidden) is shown.
      setUrl('');
      setSchema('');
      setShowUrl(false);
      setTest(null);
    }
  };

  const moveBack = () => {
    setConfirmBack(false);
    void useDatabase.getState().moveToSqlite();
  };

  const restart = () => {
    useDatabase
      .getState()
      .restart()
      .catch((raw) =>
        showToast({
          message: `Could not restart: ${describeDatabaseError(toErrorPayload(raw))}`,
          tone: 'error',
        }),
      );
  };

  const description = onPostgres
    ? 'Canvases are kept on a team PostgreSQL server, shared with everyone who uses it.'
    : 'Canvases are kept in a SQLite file on this computer. Move them to a PostgreSQL server ' +
      '(Supabase, Neon or your own) to work on them with your team.';

  const warning = currentTest?.state === 'ok' ? tlsWarning(currentTest.check, url) : null;
  const formShown = canChooseServer(status) && (move.state === 'idle' || move.state === 'failed');

  return (
    <Section description={description}>
      {statusError && (
        <p className="settings-error" role="alert" data-testid="database-status-error">
          {statusError}{' '}
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            onClick={() => void useDatabase.getState().refresh()}
          >
            Try again
          </button>
        </p>
      )}
      <Row label="In use" hint={status?.fromEnvironment ? 'Chosen by environment variables' : undefined}>
        <span className="settings-value" data-testid="database-backend" data-backend={status?.backend ?? ''}>
          {status ? (onPostgres ? 'PostgreSQL server' : 'SQLite file on this computer') : '…'}
        </span>
      </Row>
      {onPostgres && (
        <>
          <Row label="Server">
            <code
              className="settings-path database-url-shown"
              data-testid="database-server"
              title={status.displayUrl}
            >
              {status.displayUrl ?? '—'}
            </code>
          </Row>
          <Row label="Schema">
            <span className="settings-value" data-testid="database-schema-shown">
              {status.schema ?? 'public'}
            </span>
          </Row>
          <Row label="Install id" hint="How the server tells this install’s edits apart.">
            <code className="settings-path" data-testid="database-person-id">
              {status.personId}
            </code>
          </Row>
        </>
      )}

      {status?.fromEnvironment && (
        <div className="settings-note" data-testid="database-env-note">
          <Icon name="alert" size={14} />
          Environment variables (KODA_STORAGE_BACKEND, DATABASE_URL) chose this database when Koda started, so
          it can’t be changed here. Change them and restart Koda to switch.
        </div>
      )}

      {formShown && (
        <>
          <Row label="Server URL" hint="Kept sealed on this computer." htmlFor="database-url">
            <div className="secret-field">
              <input
                id="database-url"
                className="input database-url-input"
                type={showUrl ? 'text' : 'password'}
                value={url}
                placeholder={URL_PLACEHOLDER}
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                data-testid="database-url"
                onChange={(e) => setUrl(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && void runTest()}
              />
              <button
                type="button"
                className="btn btn--ghost btn--icon btn--sm secret-field__toggle"
                aria-label={showUrl ? 'Hide URL' : 'Show URL'}
                aria-pressed={showUrl}
                aria-controls="database-url"
                title={showUrl ? 'Hide URL' : 'Show URL'}
                data-testid="database-url-toggle"
                onClick={() => setShowUrl((v) => !v)}
              >
                <Icon name={showUrl ? 'eyeOff' : 'eye'} size={15} />
              </button>
            </div>
          </Row>
          <Row label="Schema" hint="Optional: “public” when empty." htmlFor="database-schema">
            <input
              id="database-schema"
              className="input database-field"
              type="text"
              value={schema}
              placeholder="public"
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="off"
              data-testid="database-schema"
              onChange={(e) => setSchema(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void runTest()}
            />
          </Row>
          <div className="sync-actions">
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              data-testid="database-test"
              disabled={!canTest(rules)}
              onClick={() => void runTest()}
            >
              <Icon name="link" size={14} />
              {currentTest?.state === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
            <button
              type="button"
              className="btn btn--primary btn--sm"
              data-testid="database-move"
              disabled={blocker !== null}
              aria-describedby={blocker ? 'database-move-hint' : undefined}
              onClick={() => void moveThere()}
            >
              <Icon name="upload" size={14} />
              Move my canvases to this server
            </button>
          </div>
          {currentTest && currentTest.state !== 'testing' && (
            <div
              className={`database-test database-test--${currentTest.state}`}
              data-testid="database-test-result"
              data-ok={currentTest.state === 'ok'}
              role="status"
            >
              <Icon name={currentTest.state === 'ok' ? 'check' : 'alert'} size={13} strokeWidth={2.2} />
              {currentTest.state === 'ok' ? (
                <span>
                  <strong>Connection works</strong>
                  {checkFacts(currentTest.check).map((fact) => (
                    <span key={fact} className="database-test__fact">
                      {' · '}
                      {fact}
                    </span>
                  ))}
                </span>
              ) : (
                <span>{currentTest.message}</span>
              )}
            </div>
          )}
          {warning && (
            <p className="database-warning" role="alert" data-testid="database-tls-warning">
              <Icon name="alert" size={13} strokeWidth={2.2} />
              {warning}
            </p>
          )}
          {blocker && currentTest?.state !== 'testing' && (
            <p className="database-hint" id="database-move-hint" data-testid="database-move-hint">
              {blocker}
            </p>
          )}
        </>
      )}

      {canMoveBack(status, move.state) && (
        <Row
          label="Move back"
          hint="Copies the server’s canvases into this computer’s file, backed up first."
        >
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="database-move-back"
            onClick={() => setConfirmBack(true)}
          >
            <Icon name="download" size={14} />
            Move back to this computer
          </button>
        </Row>
      )}

      {move.state === 'failed' && (
        <p className="settings-error database-error" role="alert" data-testid="database-error">
          {moveFailureText(move.message, onPostgres ? 'postgres' : 'sqlite')}
        </p>
      )}
      {move.state === 'moving' && <DatabaseProgress move={move} />}
      {move.state === 'moved' && (
        <DatabaseReport move={move} displayUrl={status?.displayUrl} onRestart={restart} />
      )}

      {confirmBack && (
        <ConfirmDialog
          title="Move back to this computer?"
          message={
            'Koda backs up the SQLite file on this computer, copies the server’s canvases into it ' +
            '(canvases it still holds from before the move are replaced by their newer versions) and uses ' +
            'that file from its next start. The server keeps its copy for your teammates; your later ' +
            'edits stay on this computer.'
          }
          confirmLabel="Move back"
          onConfirm={moveBack}
          onCancel={() => setConfirmBack(false)}
        />
      )}
    </Section>
  );
}
