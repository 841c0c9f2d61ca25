import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../app/app-store';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { SettingsPage } from './SettingsPage';
import { useSettingsRoute } from './use-settings-route';

const info: StorageInfo = {
  backend: 'sqlite',
  dataDir: '/home/you/.local/share/koda',
  logsDir: '/home/you/.local/share/koda/logs',
  databasePath: '/home/you/.local/share/koda/koda.db',
  databaseBytes: 2048,
  schemaVersion: 3,
};

function fakeProvider(desktop: boolean) {
  return {
    isDesktop: desktop,
    label: desktop ? 'Local · SQLite' : 'Browser',
    storageInfo: vi.fn(async () => info),
    openDataFolder: desktop ? vi.fn(async () => {}) : undefined,
    openLogsFolder: desktop ? vi.fn(async () => {}) : undefined,
    listBackups: desktop ? vi.fn(async () => []) : undefined,
  } as unknown as StorageProvider & {
    openLogsFolder?: ReturnType<typeof vi.fn>;
  };
}

/** What App does: Settings follows the hash and ⌘,; the page shows while it is open. */
function Harness({ provider }: { provider: StorageProvider }) {
  useSettingsRoute();
  const open = useApp((s) => s.settingsOpen);
  return open ? <SettingsPage provider={provider} /> : null;
}

function setUp(desktop: boolean, hash = '#/') {
  window.history.replaceState(null, '', hash);
  const provider = fakeProvider(desktop);
  useApp.setState({ provider, settingsOpen: false, settingsSection: 'general' });
  render(<Harness provider={provider} />);
  return provider;
}

const hashChange = (hash: string) =>
  act(() => {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });

beforeEach(() => window.history.replaceState(null, '', '#/'));
afterEach(() => {
  cleanup();
  useApp.setState({ provider: null, settingsOpen: false, settingsSection: 'general' });
});

describe('Settings as a page', () => {
  it('opens at the section a badge names, with its title and line, and puts it in the hash', async () => {
    setUp(true, '#/trash');
    act(() => useApp.getState().openSettings('cloud-sync'));
    expect(await screen.findByTestId('settings')).toBeTruthy();
    expect(screen.getByTestId('settings-heading').textContent).toBe('Cloud sync');
    expect(screen.getByTestId('settings-panel').textContent).toContain('in step across your computers');
    expect(screen.getByTestId('settings-nav-cloud-sync').getAttribute('aria-selected')).toBe('true');
    expect(window.location.hash).toBe('#/trash?settings=cloud-sync');
    // The list takes focus, so Up/Down work at once.
    expect(document.activeElement).toBe(screen.getByTestId('settings-nav-cloud-sync'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(screen.getByTestId('settings-heading').textContent).toBe('Backups');
    expect(window.location.hash).toBe('#/trash?settings=backups');
  });

  it('opens from the hash (a reload, a link) and closes when the hash moves elsewhere', async () => {
    setUp(true, '#/canvas/c1?settings=backups');
    await waitFor(() => expect(screen.getByTestId('settings-heading').textContent).toBe('Backups'));
    hashChange('#/?settings=sync');
    await waitFor(() => expect(screen.getByTestId('settings-heading').textContent).toBe('Cloud sync'));
    expect(window.location.hash).toBe('#/?settings=cloud-sync');
    hashChange('#/canvas/c2');
    await waitFor(() => expect(screen.queryByTestId('settings')).toBeNull());
    expect(useApp.getState().settingsOpen).toBe(false);
  });

  it('takes #/settings/<section> links over the dashboard', async () => {
    setUp(true, '#/settings/database');
    await waitFor(() => expect(screen.getByTestId('settings-heading').textContent).toBe('Database'));
    expect(window.location.hash).toBe('#/?settings=database');
  });

  it('closes with Esc and with ✕, the screen’s hash as it was', async () => {
    setUp(true, '#/history');
    act(() => useApp.getState().openSettings('canvas'));
    await screen.findByTestId('settings');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('settings')).toBeNull();
    expect(window.location.hash).toBe('#/history');
    act(() => useApp.getState().openSettings());
    expect(window.location.hash).toBe('#/history?settings=general');
    fireEvent.click(await screen.findByTestId('settings-close'));
    expect(screen.queryByTestId('settings')).toBeNull();
    expect(window.location.hash).toBe('#/history');
  });

  it('opens and closes with ⌘, / Ctrl+,', async () => {
    setUp(true);
    fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    expect(await screen.findByTestId('settings')).toBeTruthy();
    expect(screen.getByTestId('settings-heading').textContent).toBe('General');
    fireEvent.keyDown(window, { key: ',', metaKey: true });
    expect(screen.queryByTestId('settings')).toBeNull();
  });

  it('shows the logs folder and opens it (General and Storage)', async () => {
    const provider = setUp(true);
    act(() => useApp.getState().openSettings('general'));
    expect((await screen.findByTestId('logs-dir')).textContent).toBe('/home/you/.local/share/koda/logs');
    fireEvent.click(screen.getByTestId('open-logs-folder'));
    expect(provider.openLogsFolder).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('settings-nav-storage'));
    await screen.findByTestId('data-dir');
    fireEvent.click(screen.getByTestId('open-logs-folder'));
    expect(provider.openLogsFolder).toHaveBeenCalledTimes(2);
  });

  it('in a browser lists only its sections, no logs, and sends desktop-only sections to General', async () => {
    setUp(false, '#/?settings=cloud-sync');
    await waitFor(() => expect(screen.getByTestId('settings-heading').textContent).toBe('General'));
    expect(window.location.hash).toBe('#/?settings=general');
    expect(screen.getAllByRole('tab').map((t) => t.dataset.section)).toEqual([
      'general',
      'canvas',
      'ai',
      'storage',
    ]);
    expect(screen.queryByTestId('open-logs-folder')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-nav-storage'));
    expect((await screen.findByTestId('storage-desktop-note')).textContent).toContain('desktop app');
  });
});
