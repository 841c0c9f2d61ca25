import { describe, expect, it } from 'vitest';
import { hashSettingsSection, hashWantsSettings, parseRoute, routeHash } from './router';

describe('router', () => {
  it('parses every screen and round-trips', () => {
    expect(parseRoute('')).toEqual({ screen: 'canvases' });
    expect(parseRoute('#/trash')).toEqual({ screen: 'trash' });
    expect(parseRoute('#/history')).toEqual({ screen: 'history' });
    expect(routeHash({ screen: 'history' })).toBe('#/history');
    expect(parseRoute('#/canvas/a%20b')).toEqual({ screen: 'canvas', id: 'a b' });
    expect(parseRoute(routeHash({ screen: 'canvas', id: 'x/y' }))).toEqual({ screen: 'canvas', id: 'x/y' });
  });

  it('detects the settings flag', () => {
    expect(hashWantsSettings('#/?settings')).toBe(true);
    expect(hashWantsSettings('#/trash')).toBe(false);
    expect(hashWantsSettings('#/?settings=ai')).toBe(true);
    expect(hashSettingsSection('#/?settings=ai')).toBe('ai');
    expect(hashSettingsSection('#/?settings')).toBeNull();
  });
});
