import { create } from 'zustand';
import type { Profile } from '../bindings/Profile';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import type { Settings } from '../bindings/Settings';
import { showToast } from '../components/toast-store';
import { tauriRecoveryBackend, type RecoveryBackend } from '../recovery/recovery-client';
import { availableSection, type SettingsSection } from '../settings/sections';
import { DEFAULT_PROFILE, DEFAULT_SETTINGS } from '../storage/defaults';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { replaceHash, withSettings } from './router';
import { applyTheme } from './theme';

interface AppState {
  provider: StorageProvider | null;
  settings: Settings;
  profile: Profile;
  ready: boolean;
  /** A fatal start-up error (e.g. the database is too new). */
  startupError: string | null;
  /** Desktop: why the database did not open and the backups there are (the recovery screen). */
  recovery: RecoveryStatus | null;
  settingsOpen: boolean;
  /** The page Settings shows (kept in the hash as `?settings=<section>`). */
  settingsSection: SettingsSection;
  /** `recovery` asks first whether the database opened (default: the desktop app's commands). */
  init: (provider: StorageProvider, recovery?: RecoveryBackend | null) => Promise<void>;
  updateSettings: (change: (current: Settings) => Settings) => void;
  updateProfile: (change: Partial<Profile>) => void;
  reloadSettings: () => Promise<void>;
  /**
   * Opens Settings at a section (General when none is named, or when this app has no such
   * section, as the browser has no Cloud sync), or moves an open Settings there. Every button,
   * badge and error that concerns a setting opens it through this.
   */
  openSettings: (section?: SettingsSection) => void;
  /** Closes Settings: the screen underneath is where it was. */
  closeSettings: () => void;
}

/** App-wide state: the storage backend, settings and profile. Changes are saved as they happen. */
export const useApp = create<AppState>((set, get) => ({
  provider: null,
  settings: DEFAULT_SETTINGS,
  profile: DEFAULT_PROFILE,
  ready: false,
  startupError: null,
  recovery: null,
  settingsOpen: false,
  settingsSection: 'general',

  init: async (provider, recovery = provider.isDesktop ? tauriRecoveryBackend() : null) => {
    set({ provider });
    const status = recovery ? await recoveryStatus(recovery) : null;
    if (status) {
      set({ ready: true, recovery: status, startupError: describeError(status.error) });
      return;
    }
    try {
      const [settings, profile] = await Promise.all([provider.getSettings(), provider.getProfile()]);
      applyTheme(settings.theme);
      set({ settings, profile, ready: true });
    } catch (raw) {
      const error = toErrorPayload(raw);
      set({ ready: true, startupError: describeError(error) });
    }
  },

  updateSettings: (change) => {
    const previous = get().settings;
    const next = change(previous);
    set({ settings: next });
    if (next.theme !== previous.theme) applyTheme(next.theme);
    get()
      .provider?.setSettings(next)
      .catch((raw) =>
        showToast({ message: `Settings not saved: ${describeError(toErrorPayload(raw))}`, tone: 'error' }),
      );
  },

  updateProfile: (change) => {
    const next = { ...get().profile, ...change };
    set({ profile: next });
    get()
      .provider?.setProfile(next)
      .catch((raw) =>
        showToast({ message: `Profile not saved: ${describeError(toErrorPayload(raw))}`, tone: 'error' }),
      );
  },

  reloadSettings: async () => {
    const provider = get().provider;
    if (!provider) return;
    const [settings, profile] = await Promise.all([provider.getSettings(), provider.getProfile()]);
    applyTheme(settings.theme);
    set({ settings, profile });
  },

  openSettings: (section) => {
    const shown = availableSection(section, get().provider?.isDesktop ?? false);
    set({ settingsOpen: true, settingsSection: shown });
    replaceHash(withSettings(window.location.hash, shown));
  },

  closeSettings: () => {
    set({ settingsOpen: false });
    replaceHash(withSettings(window.location.hash, null));
  },
}));

/** Whether the desktop database opened; a failed question counts as yes (the next calls will say). */
async function recoveryStatus(recovery: RecoveryBackend): Promise<RecoveryStatus | null> {
  try {
    return await recovery.status();
  } catch (raw) {
    console.warn('could not ask whether the database opened', toErrorPayload(raw));
    return null;
  }
}

/** The provider, for components rendered after start-up. */
export function useProvider(): StorageProvider {
  const provider = useApp((s) => s.provider);
  if (!provider) throw new Error('storage provider used before start-up');
  return provider;
}
