import { create } from 'zustand';
import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';
import { showToast } from '../components/toast-store';
import { DEFAULT_PROFILE, DEFAULT_SETTINGS } from '../storage/defaults';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { applyTheme } from './theme';

interface AppState {
  provider: StorageProvider | null;
  settings: Settings;
  profile: Profile;
  ready: boolean;
  /** A fatal start-up error (e.g. the database is too new). */
  startupError: string | null;
  settingsOpen: boolean;
  /** The settings section to show when the sheet opens (`ai`, …), else the top. */
  settingsSection: string | null;
  init: (provider: StorageProvider) => Promise<void>;
  updateSettings: (change: (current: Settings) => Settings) => void;
  updateProfile: (change: Partial<Profile>) => void;
  reloadSettings: () => Promise<void>;
  setSettingsOpen: (open: boolean, section?: string) => void;
}

/** App-wide state: the storage backend, settings and profile. Changes are saved as they happen. */
export const useApp = create<AppState>((set, get) => ({
  provider: null,
  settings: DEFAULT_SETTINGS,
  profile: DEFAULT_PROFILE,
  ready: false,
  startupError: null,
  settingsOpen: false,
  settingsSection: null,

  init: async (provider) => {
    set({ provider });
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

  setSettingsOpen: (open, section) =>
    set({ settingsOpen: open, settingsSection: open ? (section ?? null) : null }),
}));

/** The provider, for components rendered after start-up. */
export function useProvider(): StorageProvider {
  const provider = useApp((s) => s.provider);
  if (!provider) throw new Error('storage provider used before start-up');
  return provider;
}
