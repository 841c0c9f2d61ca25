import { useEffect, useState } from 'react';

/** Screens, addressed by the URL hash so a reload (or a screenshot URL) lands on the same one. */
export type Route =
  { screen: 'canvases' } | { screen: 'trash' } | { screen: 'history' } | { screen: 'canvas'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  const [first, second] = path.split('/');
  if (first === 'trash') return { screen: 'trash' };
  if (first === 'history') return { screen: 'history' };
  if (first === 'canvas' && second) return { screen: 'canvas', id: decodeURIComponent(second) };
  return { screen: 'canvases' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'canvases':
      return '#/';
    case 'trash':
      return '#/trash';
    case 'history':
      return '#/history';
    case 'canvas':
      return `#/canvas/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

/**
 * Settings lies over the current screen and is named in the hash: `#/canvas/x?settings=cloud-sync`
 * (the section; a bare `?settings` is General), so a reload or a link lands on the same page.
 * `#/settings/backups` is taken as well, over the dashboard.
 */
export function hashWantsSettings(hash: string): boolean {
  return /[?&]settings\b/.test(hash) || /^#?\/?settings(?:[/?]|$)/.test(hash);
}

/** The section a settings hash names (`?settings=ai` → `ai`, `#/settings/backups` → `backups`), as written. */
export function hashSettingsSection(hash: string): string | null {
  return /[?&]settings=([\w-]+)/.exec(hash)?.[1] ?? /^#?\/?settings\/([\w-]+)/.exec(hash)?.[1] ?? null;
}

/**
 * The hash with Settings open at `section` (or closed, for null), the screen and any other
 * parameter kept: `#/trash` → `#/trash?settings=backups` → `#/trash`.
 */
export function withSettings(hash: string, section: string | null): string {
  const raw = hash.replace(/^#/, '');
  const cut = raw.indexOf('?');
  let path = cut < 0 ? raw : raw.slice(0, cut);
  // The `#/settings/…` form lies over the dashboard.
  if (path === '' || /^\/?settings(?:\/|$)/.test(path)) path = '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const params = (cut < 0 ? '' : raw.slice(cut + 1))
    .split('&')
    .filter((param) => param !== '' && !/^settings(?:=|$)/.test(param));
  if (section !== null) params.push(`settings=${encodeURIComponent(section)}`);
  return `#${path}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

/** Rewrites the hash in place: no history entry, no `hashchange` (the screen stays as it is). */
export function replaceHash(hash: string): void {
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
