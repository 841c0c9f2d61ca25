import { describe, expect, it } from 'vitest';
import {
  availableSection,
  isSettingsShortcut,
  nextSection,
  parseSection,
  SECTIONS,
  sectionsFor,
  type SettingsSection,
} from './sections';

const key = (
  key: string,
  mods: Partial<Record<'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('settings sections', () => {
  it('lists every section on desktop and what works in a browser', () => {
    expect(sectionsFor(true).map((s) => s.id)).toEqual([
      'general',
      'canvas',
      'ai',
      'storage',
      'database',
      'asset-storage',
      'cloud-sync',
      'backups',
    ]);
    expect(sectionsFor(false).map((s) => s.id)).toEqual(['general', 'canvas', 'ai', 'storage']);
    for (const section of SECTIONS) {
      expect(section.title).not.toBe('');
      // One line under the title: a sentence, short.
      expect(section.description.length).toBeLessThan(100);
      expect(section.description).toMatch(/\.$/);
    }
  });

  it('reads a section from a URL: ids, older names, nothing else', () => {
    expect(parseSection('cloud-sync')).toBe('cloud-sync');
    expect(parseSection('ai')).toBe('ai');
    expect(parseSection('Backups')).toBe('backups');
    expect(parseSection('sync')).toBe('cloud-sync');
    expect(parseSection('ai-providers')).toBe('ai');
    expect(parseSection('assets')).toBe('asset-storage');
    expect(parseSection('appearance')).toBe('general');
    expect(parseSection('nope')).toBeNull();
    expect(parseSection('')).toBeNull();
    expect(parseSection(null)).toBeNull();
  });

  it('shows General when the section asked for is not in this app', () => {
    expect(availableSection('cloud-sync', true)).toBe('cloud-sync');
    expect(availableSection('cloud-sync', false)).toBe('general');
    expect(availableSection('backups', false)).toBe('general');
    expect(availableSection('ai', false)).toBe('ai');
    expect(availableSection(undefined, true)).toBe('general');
    expect(availableSection(null, false)).toBe('general');
  });

  it('moves through the list with Up/Down (wrapping) and Home/End', () => {
    const list: SettingsSection[] = ['general', 'canvas', 'ai', 'storage'];
    expect(nextSection(list, 'general', 'ArrowDown')).toBe('canvas');
    expect(nextSection(list, 'canvas', 'ArrowUp')).toBe('general');
    expect(nextSection(list, 'storage', 'ArrowDown')).toBe('general');
    expect(nextSection(list, 'general', 'ArrowUp')).toBe('storage');
    expect(nextSection(list, 'ai', 'Home')).toBe('general');
    expect(nextSection(list, 'canvas', 'End')).toBe('storage');
    expect(nextSection(list, 'canvas', 'ArrowRight')).toBeNull();
    expect(nextSection(list, 'canvas', 'Enter')).toBeNull();
    // A section not in the list (gone from it) counts as the first.
    expect(nextSection(list, 'backups', 'ArrowDown')).toBe('canvas');
    expect(nextSection([], 'general', 'ArrowDown')).toBeNull();
  });

  it('knows ⌘, and Ctrl+, and nothing like them', () => {
    expect(isSettingsShortcut(key(',', { metaKey: true }))).toBe(true);
    expect(isSettingsShortcut(key(',', { ctrlKey: true }))).toBe(true);
    expect(isSettingsShortcut(key(','))).toBe(false);
    expect(isSettingsShortcut(key(',', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSettingsShortcut(key(',', { metaKey: true, altKey: true }))).toBe(false);
    expect(isSettingsShortcut(key('.', { metaKey: true }))).toBe(false);
  });
});
