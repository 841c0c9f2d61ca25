import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../bindings/MenuCommand';
import { useToasts } from '../components/toast-store';
import { useSearchPalette } from '../search/search-store';
import type { StorageProvider } from '../storage/types';
import type { UpdatesBackend } from '../updates/updates-client';
import { useUpdates } from '../updates/updates-store';
import { useApp } from './app-store';
import {
  EXPORT_ELSEWHERE,
  MENU_EVENT,
  menuAction,
  runMenuAction,
  toggledTheme,
  watchMenu,
  type MenuAction,
} from './menu-commands';
import { registerEditorMenu } from './menu-targets';

const command = (action: string, canvasId: string | null = null): MenuCommand => ({ action, canvasId });

afterEach(() => {
  useToasts.setState({ toasts: [] });
  useSearchPalette.setState({ open: false });
  useApp.setState({ settingsOpen: false, settingsSection: 'general', ready: false, startupError: null });
  useUpdates.setState({ backend: null, status: null, busy: null });
  window.location.hash = '';
  document.querySelectorAll('[data-testid="menu-import-file"]').forEach((input) => input.remove());
  delete (navigator as { userActivation?: unknown }).userActivation;
});

describe('menuAction', () => {
  it('does the app-wide items anywhere', () => {
    for (const screen of ['canvases', 'trash', 'history', 'canvas'] as const)
      for (const action of [
        'new-canvas',
        'import',
        'search',
        'settings',
        'check-updates',
        'open-logs',
        'toggle-theme',
      ])
        expect(menuAction(command(action), screen)).toEqual({ kind: action });
  });

  it('opens a recent canvas by its id, and ignores one without', () => {
    expect(menuAction(command('open-canvas', 'c-1'), 'trash')).toEqual({
      kind: 'open-canvas',
      canvasId: 'c-1',
    });
    expect(menuAction(command('open-canvas'), 'canvases').kind).toBe('ignore');
    expect(menuAction(command('open-canvas', ''), 'canvases').kind).toBe('ignore');
  });

  it('hands the canvas items to the open canvas', () => {
    const pairs: [string, string][] = [
      ['export', 'export'],
      ['version-history', 'versions'],
      ['shortcuts', 'shortcuts'],
      ['zoom-in', 'zoomIn'],
      ['zoom-out', 'zoomOut'],
      ['zoom-fit', 'fitView'],
    ];
    for (const [action, editorCommand] of pairs)
      expect(menuAction(command(action), 'canvas')).toEqual({ kind: 'editor', command: editorCommand });
  });

  it('says why Export does nothing off a canvas, and lets the other canvas items go', () => {
    expect(menuAction(command('export'), 'canvases')).toEqual({ kind: 'notice', message: EXPORT_ELSEWHERE });
    expect(menuAction(command('export'), 'trash')).toEqual({ kind: 'notice', message: EXPORT_ELSEWHERE });
    for (const action of ['version-history', 'shortcuts', 'zoom-in', 'zoom-out', 'zoom-fit'])
      expect(menuAction(command(action), 'canvases').kind).toBe('ignore');
  });

  it('ignores what it does not know, or what is no command', () => {
    expect(menuAction(command('launch-rocket'), 'canvases').kind).toBe('ignore');
    expect(menuAction(command('toString'), 'canvas').kind).toBe('ignore');
    expect(menuAction(null, 'canvases').kind).toBe('ignore');
    expect(menuAction({} as MenuCommand, 'canvases').kind).toBe('ignore');
  });

  it('only opens the logs folder while the app has not started (recovery screen)', () => {
    expect(menuAction(command('open-logs'), 'canvases', false)).toEqual({ kind: 'open-logs' });
    for (const action of [
      'new-canvas',
      'import',
      'settings',
      'check-updates',
      'search',
      'export',
      'toggle-theme',
    ])
      expect(menuAction(command(action), 'canvases', false).kind).toBe('ignore');
  });
});

describe('toggledTheme', () => {
  it('switches what is shown', () => {
    expect(toggledTheme('dark')).toBe('light');
    expect(toggledTheme('light')).toBe('dark');
    expect(toggledTheme(undefined)).toBe('light');
  });
});

describe('runMenuAction', () => {
  const provider = { isDesktop: true, openLogsFolder: vi.fn(async () => {}) } as unknown as StorageProvider;
  const run = (action: MenuAction) => runMenuAction(action, provider);

  it('runs what the open canvas registered, and nothing once it is gone', () => {
    const zoomIn = vi.fn();
    const exportMenu = vi.fn();
    const unregister = registerEditorMenu({ zoomIn, export: exportMenu });
    run({ kind: 'editor', command: 'zoomIn' });
    run({ kind: 'editor', command: 'export' });
    expect(zoomIn).toHaveBeenCalledTimes(1);
    expect(exportMenu).toHaveBeenCalledTimes(1);
    unregister();
    run({ kind: 'editor', command: 'zoomIn' });
    expect(zoomIn).toHaveBeenCalledTimes(1);
  });

  it('uncovers the canvas for its Export menu, not for zooming', () => {
    const unregister = registerEditorMenu({ export: vi.fn(), zoomOut: vi.fn() });
    useSearchPalette.setState({ open: true });
    run({ kind: 'editor', command: 'zoomOut' });
    expect(useSearchPalette.getState().open).toBe(true);
    run({ kind: 'editor', command: 'export' });
    expect(useSearchPalette.getState().open).toBe(false);
    unregister();
  });

  it('says a notice in a toast', () => {
    run({ kind: 'notice', message: EXPORT_ELSEWHERE });
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual([EXPORT_ELSEWHERE]);
  });

  it('opens the search palette and a canvas', () => {
    run({ kind: 'search' });
    expect(useSearchPalette.getState().open).toBe(true);
    run({ kind: 'open-canvas', canvasId: 'c 2' });
    expect(window.location.hash).toBe('#/canvas/c%202');
    expect(useSearchPalette.getState().open).toBe(false);
  });

  it('checks for updates from anywhere: Settings → General opens, where the answer shows', async () => {
    const check = vi.fn(async () => ({
      state: 'available' as const,
      version: '0.2.0',
      currentVersion: '0.1.0',
      notes: null,
      date: null,
    }));
    useUpdates.setState({
      backend: { check } as unknown as UpdatesBackend,
      status: { state: 'upToDate', currentVersion: '0.1.0' },
    });
    useSearchPalette.setState({ open: true });
    useApp.setState({ settingsSection: 'backups' });
    window.location.hash = '#/trash';
    run({ kind: 'check-updates' });
    expect(useApp.getState()).toMatchObject({ settingsOpen: true, settingsSection: 'general' });
    expect(window.location.hash).toBe('#/trash?settings=general');
    expect(useSearchPalette.getState().open).toBe(false);
    expect(useUpdates.getState().busy).toBe('checking');
    await vi.waitFor(() => expect(useUpdates.getState().status?.state).toBe('available'));
    expect(check).toHaveBeenCalledTimes(1);
    expect(useUpdates.getState().busy).toBeNull();
  });

  it('opens the logs folder through the provider', () => {
    run({ kind: 'open-logs' });
    expect(provider.openLogsFolder).toHaveBeenCalledTimes(1);
  });

  it('asks the desktop app’s Open dialog when it has one: no picker in the page, no click needed', async () => {
    const importWithDialog = vi.fn(async () => 0);
    const desktop = { isDesktop: true, importWithDialog } as unknown as StorageProvider;
    Object.defineProperty(navigator, 'userActivation', { value: { isActive: false }, configurable: true });
    runMenuAction({ kind: 'import' }, desktop);
    expect(importWithDialog).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-testid="menu-import-file"]')).toBeNull();
    expect(useToasts.getState().toasts).toHaveLength(0);
  });

  it('says so when the Open dialog cannot be shown', async () => {
    const importWithDialog = vi.fn(async () => {
      throw { code: 'io', message: 'no display' };
    });
    runMenuAction({ kind: 'import' }, { isDesktop: true, importWithDialog } as unknown as StorageProvider);
    await vi.waitFor(() => expect(useToasts.getState().toasts[0]?.message).toContain('no display'));
  });

  it('opens the Import picker at once after a click or key …', () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    Object.defineProperty(navigator, 'userActivation', { value: { isActive: true }, configurable: true });
    run({ kind: 'import' });
    const input = document.querySelector<HTMLInputElement>('[data-testid="menu-import-file"]');
    expect(input?.type).toBe('file');
    expect(input?.multiple).toBe(true);
    expect(input?.accept).toContain('.koda');
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('… and otherwise (or when the WebView cannot say) offers it from a toast button, which may open it', () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    Object.defineProperty(navigator, 'userActivation', { value: { isActive: false }, configurable: true });
    run({ kind: 'import' });
    expect(click).not.toHaveBeenCalled();
    const [toast] = useToasts.getState().toasts;
    expect(toast.action?.label).toBe('Choose files…');
    toast.action!.onClick();
    expect(click).toHaveBeenCalledTimes(1);
    delete (navigator as { userActivation?: unknown }).userActivation;
    run({ kind: 'import' });
    expect(click).toHaveBeenCalledTimes(1);
    expect(useToasts.getState().toasts).toHaveLength(2);
  });
});

describe('watchMenu', () => {
  it('does each command where the person is, and unsubscribes', async () => {
    let handler: ((event: { payload: MenuCommand }) => void) | null = null;
    const unlisten = vi.fn();
    const listenTo = vi.fn(async (event: string, h: (event: { payload: MenuCommand }) => void) => {
      expect(event).toBe(MENU_EVENT);
      handler = h;
      return unlisten;
    });
    const stop = watchMenu({ isDesktop: true } as StorageProvider, listenTo);
    await Promise.resolve();
    // Not started yet (or the recovery screen): nothing.
    handler!({ payload: command('search') });
    expect(useSearchPalette.getState().open).toBe(false);
    useApp.setState({ ready: true, startupError: null });
    handler!({ payload: command('search') });
    expect(useSearchPalette.getState().open).toBe(true);
    window.location.hash = '#/';
    handler!({ payload: command('export') });
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual([EXPORT_ELSEWHERE]);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});
