import { useEffect } from 'react';
import { useApp } from '../app/app-store';
import { hashSettingsSection, hashWantsSettings } from '../app/router';
import { isSettingsShortcut, parseSection } from './sections';

/**
 * Keeps Settings and the URL together: a hash naming Settings (`?settings=backups`, also on
 * reload, from a link, or `#/settings/backups`) opens it at that section, and a move to a hash
 * without it (another screen) closes it. ⌘, / Ctrl+, opens and closes it from anywhere, unless
 * another dialog (a confirmation, the search palette) has the keys.
 */
export function useSettingsRoute(): void {
  useEffect(() => {
    const follow = () => {
      const hash = window.location.hash;
      const { settingsOpen, openSettings, closeSettings } = useApp.getState();
      if (hashWantsSettings(hash)) openSettings(parseSection(hashSettingsSection(hash)) ?? undefined);
      else if (settingsOpen) closeSettings();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      const backdrops = document.querySelectorAll('.modal-backdrop');
      const top = backdrops[backdrops.length - 1];
      if (top && !top.classList.contains('settings-backdrop')) return;
      event.preventDefault();
      event.stopPropagation();
      const { settingsOpen, openSettings, closeSettings } = useApp.getState();
      if (settingsOpen) closeSettings();
      else openSettings();
    };
    follow();
    window.addEventListener('hashchange', follow);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
}
