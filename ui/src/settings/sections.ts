import type { IconName } from '../components/Icon';

/** The pages of Settings, in the order the section list shows them. The id is what the URL carries. */
export type SettingsSection =
  'general' | 'canvas' | 'ai' | 'storage' | 'database' | 'asset-storage' | 'cloud-sync' | 'backups';

export interface SectionInfo {
  id: SettingsSection;
  title: string;
  icon: IconName;
  /** The one line under the title (the browser's, where it differs). */
  description: string;
  browserDescription?: string;
  /** Only the desktop app has it: the browser leaves it out of the list. */
  desktopOnly?: boolean;
}

export const SECTIONS: readonly SectionInfo[] = [
  {
    id: 'general',
    title: 'General',
    icon: 'settings',
    description: 'Updates, how Koda looks, the name it shows, and its logs when something goes wrong.',
    browserDescription: 'How Koda looks and the name it shows.',
  },
  {
    id: 'canvas',
    title: 'Canvas',
    icon: 'grid',
    description: 'How the editor behaves while you arrange nodes.',
  },
  {
    id: 'ai',
    title: 'AI providers',
    icon: 'sparkles',
    description: 'Your fal.ai key, the models new nodes start with, and what Koda may spend.',
    browserDescription: 'The models new generator nodes start with.',
  },
  {
    id: 'storage',
    title: 'Storage',
    icon: 'folder',
    description: 'Where Koda keeps your data on this computer, and how much room it takes.',
    browserDescription: 'What this browser keeps for Koda, and how much room it takes.',
  },
  {
    id: 'database',
    title: 'Database',
    icon: 'database',
    description: 'Where your canvases live: this computer, or a PostgreSQL server shared with your team.',
    desktopOnly: true,
  },
  {
    id: 'asset-storage',
    title: 'Asset storage',
    icon: 'image',
    description: 'Your media files, copied to a bucket for your other devices and your team.',
    desktopOnly: true,
  },
  {
    id: 'cloud-sync',
    title: 'Cloud sync',
    icon: 'cloud',
    description: 'Keep your canvases in step across your computers.',
    desktopOnly: true,
  },
  {
    id: 'backups',
    title: 'Backups',
    icon: 'archive',
    description: 'Copies of your database Koda makes by itself, and going back to one.',
    desktopOnly: true,
  },
];

/** The ids that tie the section list (tabs) to the page it shows (the panel). */
export const PANEL_ID = 'settings-panel';
export const tabId = (section: SettingsSection): string => `settings-tab-${section}`;

/** Older or longer names links may use (`?settings=sync`). */
const ALIASES: Record<string, SettingsSection> = {
  appearance: 'general',
  profile: 'general',
  logs: 'general',
  'ai-providers': 'ai',
  sync: 'cloud-sync',
  assets: 'asset-storage',
  backup: 'backups',
};

/** The sections this app shows: all of them on desktop; in a browser, those that work there. */
export function sectionsFor(desktop: boolean): SectionInfo[] {
  return SECTIONS.filter((s) => desktop || !s.desktopOnly);
}

export function sectionInfo(id: SettingsSection): SectionInfo {
  return SECTIONS.find((s) => s.id === id) ?? SECTIONS[0];
}

/** A section named in a URL (an id or an alias), or null for anything else. */
export function parseSection(raw: string | null | undefined): SettingsSection | null {
  if (!raw) return null;
  const name = raw.toLowerCase();
  return SECTIONS.find((s) => s.id === name)?.id ?? ALIASES[name] ?? null;
}

/** The section to show for a request: the one asked for if this app has it, else General. */
export function availableSection(
  wanted: SettingsSection | null | undefined,
  desktop: boolean,
): SettingsSection {
  return sectionsFor(desktop).find((s) => s.id === wanted)?.id ?? 'general';
}

/**
 * Where a key moves the selection in the section list: Up/Down one step (wrapping round, as
 * menus do), Home/End to either end. Null for any other key.
 */
export function nextSection(
  list: readonly SettingsSection[],
  current: SettingsSection,
  key: string,
): SettingsSection | null {
  if (list.length === 0) return null;
  const at = Math.max(0, list.indexOf(current));
  switch (key) {
    case 'ArrowDown':
      return list[(at + 1) % list.length];
    case 'ArrowUp':
      return list[(at - 1 + list.length) % list.length];
    case 'Home':
      return list[0];
    case 'End':
      return list[list.length - 1];
    default:
      return null;
  }
}

/** ⌘, on a Mac, Ctrl+, elsewhere (either works everywhere): Settings, as desktop apps have it. */
export function isSettingsShortcut(
  event: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return (event.metaKey || event.ctrlKey) && !event.shiftKey && !event.altKey && event.key === ',';
}
