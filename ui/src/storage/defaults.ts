import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';

/** The same defaults the Rust side uses (koda-core `Settings::default`). */
export const DEFAULT_SETTINGS: Settings = {
  theme: 'dark',
  canvas: { snapToGrid: true, gridSize: 16, showMinimap: true },
  backupsToKeep: 7,
  generation: { parallelRuns: 3, defaultModels: {} },
  history: { keepAllHours: 24, hourlyDays: 30 },
};

export const DEFAULT_PROFILE: Profile = { id: 'local', name: 'Local user' };

/** Fills fields an older or partial settings object lacks, as serde's `default` does. */
export function withSettingsDefaults(partial: Partial<Settings> | null | undefined): Settings {
  const value = partial ?? {};
  return {
    ...DEFAULT_SETTINGS,
    ...value,
    canvas: { ...DEFAULT_SETTINGS.canvas, ...(value.canvas ?? {}) },
    generation: { ...DEFAULT_SETTINGS.generation, ...(value.generation ?? {}) },
    history: { ...DEFAULT_SETTINGS.history, ...(value.history ?? {}) },
  };
}
