import { useApp } from '../app/app-store';
import { navigate, type Route } from '../app/router';
import { AssetStorageBadge } from '../asset-storage/AssetStorageBadge';
import { Icon } from '../components/Icon';
import { Logo } from '../components/Logo';
import { backendLabel } from '../database/database-describe';
import { useDatabase, useOnPostgres } from '../database/database-store';
import type { StorageProvider } from '../storage/types';
import { SyncBadge } from '../sync/SyncBadge';
import { useLibrary } from './library-store';
import { isOpen } from '../generation/generation-describe';
import { useGeneration } from '../generation/generation-store';
import { useSearchPalette } from '../search/search-store';
import { isMac } from '../editor/shortcuts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts[0]?.[0] ?? '?').toUpperCase() + (parts[1]?.[0] ?? '').toUpperCase();
}

export function Sidebar({ route, provider }: { route: Route; provider: StorageProvider }) {
  const canvases = useLibrary((s) => s.canvases.length);
  const trash = useLibrary((s) => s.trash.length);
  const profile = useApp((s) => s.profile);
  const onPostgres = useOnPostgres();
  // Its status could not be read, or a move failed: the badge says so and opens Database.
  const databaseTrouble = useDatabase((s) => s.statusError !== null || s.move.state === 'failed');
  const running = useGeneration((s) => Object.values(s.runs).filter(isOpen).length);

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <Logo />
        <span className="sidebar__name">Koda</span>
      </div>

      <div className="sidebar__section">
        <button
          type="button"
          className="nav-item nav-item--search"
          title="Search every canvas"
          data-testid="search-open"
          onClick={() => useSearchPalette.getState().setOpen(true)}
        >
          <Icon name="search" />
          <span>Search</span>
          <kbd className="kbd nav-item__kbd">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <button
          type="button"
          className={`nav-item${route.screen === 'canvases' ? ' is-current' : ''}`}
          aria-current={route.screen === 'canvases' ? 'page' : undefined}
          data-testid="nav-canvases"
          onClick={() => navigate({ screen: 'canvases' })}
        >
          <Icon name="grid" />
          <span>Canvases</span>
          <span className="nav-item__count">{canvases}</span>
        </button>
        <button
          type="button"
          className={`nav-item${route.screen === 'trash' ? ' is-current' : ''}`}
          aria-current={route.screen === 'trash' ? 'page' : undefined}
          data-testid="nav-trash"
          onClick={() => navigate({ screen: 'trash' })}
        >
          <Icon name="trash" />
          <span>Trash</span>
          {trash > 0 && <span className="nav-item__count">{trash}</span>}
        </button>
        <button
          type="button"
          className={`nav-item${route.screen === 'history' ? ' is-current' : ''}`}
          aria-current={route.screen === 'history' ? 'page' : undefined}
          data-testid="history-open"
          onClick={() => navigate({ screen: 'history' })}
        >
          <Icon name="history" />
          <span>History</span>
          {running > 0 && (
            <span className="nav-item__count nav-item__count--live" title={`${running} running`}>
              {running}
            </span>
          )}
        </button>
      </div>

      <div className="sidebar__footer">
        <div className="sidebar__badges">
          <button
            type="button"
            className="storage-badge"
            data-testid="storage-badge"
            data-state={databaseTrouble ? 'error' : 'ok'}
            title={
              databaseTrouble
                ? 'The database needs attention: open Settings → Database'
                : onPostgres
                  ? 'Canvases are on a team PostgreSQL server'
                  : provider.isDesktop
                    ? 'Everything is stored on this computer'
                    : 'Stored in this browser only'
            }
            onClick={() => useApp.getState().openSettings(provider.isDesktop ? 'database' : 'storage')}
          >
            <span
              className={`storage-badge__dot${databaseTrouble ? ' is-error' : provider.isDesktop ? (onPostgres ? ' is-team' : '') : ' is-browser'}`}
              aria-hidden="true"
            />
            {onPostgres ? backendLabel('postgres') : provider.label}
          </button>
          <SyncBadge />
          <AssetStorageBadge />
        </div>
        <div className="sidebar__profile">
          <span className="avatar" aria-hidden="true">
            {initials(profile.name)}
          </span>
          <span className="sidebar__profile-text">
            <span className="sidebar__profile-name">{profile.name}</span>
            {profile.email && <span className="sidebar__profile-email">{profile.email}</span>}
          </span>
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--sm"
            aria-label="Settings"
            title={`Settings (${isMac ? '⌘,' : 'Ctrl+,'})`}
            data-testid="open-settings"
            onClick={() => useApp.getState().openSettings()}
          >
            <Icon name="settings" size={17} />
          </button>
        </div>
      </div>
    </nav>
  );
}
