import { listen } from '@tauri-apps/api/event';
import type { MenuCommand } from '../bindings/MenuCommand';
import type { Theme } from '../bindings/Theme';
import { showToast } from '../components/toast-store';
import { canvasActions } from '../dashboard/canvas-actions';
import { showCurrentIfLoaded } from '../editor/versions/preview-exit';
import { useSearchPalette } from '../search/search-store';
import { openFolder } from '../settings/open-folder';
import type { StorageProvider } from '../storage/types';
import { BLANK_TEMPLATE_ID, findTemplate } from '../templates/templates';
import { importWithDialog } from '../transfer/import-dialog';
import { pickImportFiles } from '../transfer/import-picker';
import { importAccept, useImports } from '../transfer/import-store';
import { useUpdates } from '../updates/updates-store';
import { useApp } from './app-store';
import { runEditorMenu, type EditorMenuCommand } from './menu-targets';
import { navigate, parseRoute, type Route } from './router';

/** Event the desktop app's menu bar sends (`MenuCommand`: the item's action, a canvas for recent ones). */
export const MENU_EVENT = 'koda://menu';

/** What a menu item does here, decided by `menuAction`. */
export type MenuAction =
  | { kind: 'new-canvas' }
  | { kind: 'import' }
  | { kind: 'open-canvas'; canvasId: string }
  | { kind: 'search' }
  | { kind: 'settings' }
  /** Help → Check for Updates…: Settings → General, where the answer shows. */
  | { kind: 'check-updates' }
  | { kind: 'open-logs' }
  | { kind: 'toggle-theme' }
  /** Something the open canvas does (its Export menu, Versions, zoom …). */
  | { kind: 'editor'; command: EditorMenuCommand }
  /** A word instead (Export on the dashboard). */
  | { kind: 'notice'; message: string }
  | { kind: 'ignore'; reason: string };

/** Menu actions that work on the open canvas only, and what they are there. */
const EDITOR_ACTIONS: Record<string, EditorMenuCommand> = {
  export: 'export',
  'version-history': 'versions',
  shortcuts: 'shortcuts',
  'zoom-in': 'zoomIn',
  'zoom-out': 'zoomOut',
  'zoom-fit': 'fitView',
};

export const EXPORT_ELSEWHERE = 'Open a canvas to export it';

/**
 * What a menu command does where the person is: `screen` is the screen showing, `started` whether
 * the app is up (not starting, not on the recovery screen, where only Open logs folder works).
 * Pure, so it is unit tested.
 */
export function menuAction(
  command: MenuCommand | null | undefined,
  screen: Route['screen'],
  started = true,
): MenuAction {
  const action = typeof command?.action === 'string' ? command.action : '';
  if (!started && action !== 'open-logs') return { kind: 'ignore', reason: 'the app has not started' };
  switch (action) {
    case 'new-canvas':
    case 'import':
    case 'search':
    case 'settings':
    case 'check-updates':
    case 'open-logs':
    case 'toggle-theme':
      return { kind: action };
    case 'open-canvas': {
      const canvasId = command?.canvasId;
      return typeof canvasId === 'string' && canvasId !== ''
        ? { kind: 'open-canvas', canvasId }
        : { kind: 'ignore', reason: 'open-canvas without a canvas' };
    }
  }
  const editorCommand = Object.hasOwn(EDITOR_ACTIONS, action) ? EDITOR_ACTIONS[action] : undefined;
  if (!editorCommand) return { kind: 'ignore', reason: `unknown menu action “${action}”` };
  if (screen === 'canvas') return { kind: 'editor', command: editorCommand };
  if (editorCommand === 'export') return { kind: 'notice', message: EXPORT_ELSEWHERE };
  return { kind: 'ignore', reason: `${action} needs an open canvas` };
}

/** Dark ↔ light from what is shown (a "system" preference becomes the opposite of what it shows). */
export function toggledTheme(shown: string | undefined): Theme {
  return shown === 'light' ? 'dark' : 'light';
}

/**
 * Whether the page may open a file picker now: WebViews refuse one without a recent click or key
 * in the page, and a menu item is neither. An engine that cannot say is taken as refusing.
 */
function mayOpenPicker(): boolean {
  const activation = (navigator as { userActivation?: { isActive: boolean } }).userActivation;
  return activation?.isActive ?? false;
}

/** Settings and the search palette give way to something the open canvas shows. */
function uncoverScreen(): void {
  if (useApp.getState().settingsOpen) useApp.getState().closeSettings();
  useSearchPalette.getState().setOpen(false);
}

/** Opens a canvas as its card does (a version shown for a look gives way first). */
function openCanvas(canvasId: string): void {
  useSearchPalette.getState().setOpen(false);
  showCurrentIfLoaded();
  navigate({ screen: 'canvas', id: canvasId });
}

/** The Import button's picker and import, from anywhere: the import runs on the canvases screen. */
function importFiles(provider: StorageProvider): void {
  if (useImports.getState().progress) {
    showToast({ message: 'An import is already running', tone: 'error' });
    return;
  }
  // The desktop app's native Open dialog needs no click in the page.
  if (provider.importWithDialog) {
    void importWithDialog(provider.importWithDialog);
    return;
  }
  const pick = () =>
    pickImportFiles(importAccept(provider.isDesktop), (files) => {
      if (parseRoute(window.location.hash).screen !== 'canvases') navigate({ screen: 'canvases' });
      void useImports.getState().run(files, provider);
    });
  if (mayOpenPicker()) pick();
  // The menu is no click in the page: a button in a toast is, and opens the picker.
  else
    showToast({
      message: 'Import canvases from files on this computer',
      durationMs: 10_000,
      action: { label: 'Choose files…', testId: 'menu-import-choose', onClick: pick },
    });
}

/** Does what a menu action says. */
export function runMenuAction(action: MenuAction, provider: StorageProvider): void {
  switch (action.kind) {
    case 'new-canvas': {
      const blank = findTemplate(BLANK_TEMPLATE_ID);
      if (!blank) return;
      useSearchPalette.getState().setOpen(false);
      showCurrentIfLoaded();
      void canvasActions(provider).createFromTemplate(blank);
      return;
    }
    case 'import':
      importFiles(provider);
      return;
    case 'open-canvas':
      openCanvas(action.canvasId);
      return;
    case 'search':
      if (useApp.getState().settingsOpen) useApp.getState().closeSettings();
      useSearchPalette.getState().setOpen(true);
      return;
    case 'settings':
      useSearchPalette.getState().setOpen(false);
      useApp.getState().openSettings();
      return;
    case 'check-updates':
      useSearchPalette.getState().setOpen(false);
      useApp.getState().openSettings('general');
      void useUpdates.getState().check();
      return;
    case 'open-logs':
      openFolder(() => provider.openLogsFolder?.());
      return;
    case 'toggle-theme': {
      const theme = toggledTheme(document.documentElement.dataset.theme);
      useApp.getState().updateSettings((settings) => ({ ...settings, theme }));
      return;
    }
    case 'editor':
      // Zooming needs nothing uncovered; the Export menu, Versions and the shortcuts sheet do.
      if (!['zoomIn', 'zoomOut', 'fitView'].includes(action.command)) uncoverScreen();
      runEditorMenu(action.command);
      return;
    case 'notice':
      showToast({ message: action.message });
      return;
    case 'ignore':
      return;
  }
}

type Listen = (event: string, handler: (event: { payload: MenuCommand }) => void) => Promise<() => void>;

/**
 * Follows the app menu (`koda://menu`): each command is done where the person is. Returns a
 * stop function.
 */
export function watchMenu(provider: StorageProvider, listenTo: Listen = listen): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  listenTo(MENU_EVENT, (event) => {
    const { ready, startupError } = useApp.getState();
    const screen = parseRoute(window.location.hash).screen;
    runMenuAction(menuAction(event.payload, screen, ready && startupError === null), provider);
  })
    .then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    })
    .catch((error) => console.error('could not listen for the menu', error));
  return () => {
    cancelled = true;
    stop?.();
  };
}
