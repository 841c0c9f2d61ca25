import { create } from 'zustand';

interface SearchPaletteState {
  open: boolean;
  /** Canvases in the trash are searched too (kept while the app runs). */
  includeTrash: boolean;
  setOpen: (open: boolean) => void;
  setIncludeTrash: (include: boolean) => void;
}

/** The ⌘K palette: open from anywhere (the sidebar's Search, ⌘K / Ctrl+K). */
export const useSearchPalette = create<SearchPaletteState>((set) => ({
  open: false,
  includeTrash: false,
  setOpen: (open) => set({ open }),
  setIncludeTrash: (includeTrash) => set({ includeTrash }),
}));

/** ⌘K on a Mac, Ctrl+K elsewhere (either works everywhere). */
export function isSearchShortcut(
  event: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>,
) {
  return (
    (event.metaKey || event.ctrlKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k'
  );
}
