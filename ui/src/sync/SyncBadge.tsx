import { useApp } from '../app/app-store';
import { useNow } from '../dashboard/use-now';
import { useOnPostgres } from '../database/database-store';
import { syncBadgeLabel, syncStateOf, syncStatusLine } from './sync-describe';
import { useSync } from './sync-store';

/**
 * The cloud sync status as a small badge (dashboard sidebar, editor top bar); a click opens
 * Settings → Cloud sync. Nothing in the browser or on PostgreSQL; in the top bar only while sync is on.
 */
export function SyncBadge({ hideWhenOff = false }: { hideWhenOff?: boolean }) {
  const status = useSync((s) => s.status);
  const now = useNow(30_000);
  const onPostgres = useOnPostgres();
  // A team PostgreSQL database is shared already; sync is for the SQLite file.
  if (!status || onPostgres) return null;
  const state = syncStateOf(status);
  if (hideWhenOff && state === 'off') return null;
  return (
    <button
      type="button"
      className={`sync-badge sync-badge--${state}`}
      data-testid="sync-badge"
      data-state={state}
      title={syncStatusLine(status, now)}
      onClick={() => useApp.getState().openSettings('cloud-sync')}
    >
      <span className={`sync-dot sync-dot--${state}`} aria-hidden="true" />
      {syncBadgeLabel(status)}
    </button>
  );
}
