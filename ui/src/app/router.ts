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

/** `?settings` in the hash opens the settings sheet over the current screen. */
export function hashWantsSettings(hash: string): boolean {
  return /[?&]settings\b/.test(hash);
}

/** `?settings=ai` names the section to scroll to (the section's id without `settings-`). */
export function hashSettingsSection(hash: string): string | null {
  return /[?&]settings=([\w-]+)/.exec(hash)?.[1] ?? null;
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
