import type { Theme } from '../bindings/Theme';

const CACHE_KEY = 'koda-theme-cache';

export function resolveTheme(theme: Theme, prefersLight: boolean): 'dark' | 'light' {
  if (theme === 'system') return prefersLight ? 'light' : 'dark';
  return theme;
}

function prefersLight(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: light)').matches
  );
}

/** Sets `data-theme` on <html>; remembers the choice so the next start paints in it at once. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(theme, prefersLight());
  root.dataset.themePreference = theme;
  try {
    localStorage.setItem(CACHE_KEY, theme);
  } catch {
    /* storage may be unavailable; the theme still applies */
  }
}

/** Before settings load: the last theme used, to avoid a flash of the wrong one. */
export function applyCachedTheme(): void {
  let cached: string | null = null;
  try {
    cached = localStorage.getItem(CACHE_KEY);
  } catch {
    cached = null;
  }
  applyTheme(cached === 'light' || cached === 'system' ? cached : 'dark');
}

/** Follows the OS while the preference is "system". Returns an unsubscribe function. */
export function watchSystemTheme(getTheme: () => Theme): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia('(prefers-color-scheme: light)');
  const onChange = () => {
    if (getTheme() === 'system') applyTheme('system');
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
