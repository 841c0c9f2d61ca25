import { describe, expect, it } from 'vitest';
import { hashSettingsSection, hashWantsSettings, parseRoute, routeHash, withSettings } from './router';

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

  it('reads the section over any screen, and the #/settings/<section> form', () => {
    expect(hashWantsSettings('#/canvas/c1?settings=cloud-sync')).toBe(true);
    expect(hashSettingsSection('#/canvas/c1?settings=cloud-sync')).toBe('cloud-sync');
    expect(parseRoute('#/canvas/c1?settings=cloud-sync')).toEqual({ screen: 'canvas', id: 'c1' });
    expect(hashSettingsSection('#/trash?x=1&settings=backups')).toBe('backups');
    expect(hashWantsSettings('#/settings/backups')).toBe(true);
    expect(hashWantsSettings('#/settings')).toBe(true);
    expect(hashSettingsSection('#/settings/backups')).toBe('backups');
    expect(hashSettingsSection('#/settings')).toBeNull();
    // A canvas whose id starts with "settings" is not Settings.
    expect(hashWantsSettings('#/canvas/settings-board')).toBe(false);
    expect(hashWantsSettings('#/settingsx')).toBe(false);
  });

  it('puts the section into the hash and takes it out again, keeping the screen', () => {
    expect(withSettings('', 'general')).toBe('#/?settings=general');
    expect(withSettings('#/', 'cloud-sync')).toBe('#/?settings=cloud-sync');
    expect(withSettings('#/trash', 'backups')).toBe('#/trash?settings=backups');
    expect(withSettings('#/canvas/a%20b', 'ai')).toBe('#/canvas/a%20b?settings=ai');
    // Another section replaces the one there; a bare `?settings` gets its section.
    expect(withSettings('#/history?settings=ai', 'storage')).toBe('#/history?settings=storage');
    expect(withSettings('#/?settings', 'general')).toBe('#/?settings=general');
    // Closed: only the settings parameter goes; others stay.
    expect(withSettings('#/canvas/c1?settings=ai', null)).toBe('#/canvas/c1');
    expect(withSettings('#/trash?x=1&settings=backups&y=2', null)).toBe('#/trash?x=1&y=2');
    expect(withSettings('#/trash?x=1', 'canvas')).toBe('#/trash?x=1&settings=canvas');
    // `#/settings/…` lies over the dashboard.
    expect(withSettings('#/settings/backups', 'backups')).toBe('#/?settings=backups');
    expect(withSettings('#/settings/backups', null)).toBe('#/');
    // Round trip.
    const hash = withSettings('#/canvas/c1', 'asset-storage');
    expect(hashWantsSettings(hash) && hashSettingsSection(hash)).toBe('asset-storage');
    expect(parseRoute(hash)).toEqual({ screen: 'canvas', id: 'c1' });
  });
});
