import { create } from 'zustand';
import { showToast } from '../components/toast-store';
import { useLibrary } from '../dashboard/library-store';
import type { StorageProvider } from '../storage/types';
import { importerFor, importFiles, importSummary, type ImportProgress } from './import-files';

/** File types the import picker offers: every format the desktop reads; JSON in the browser. */
export function importAccept(desktop: boolean): string {
  return desktop ? '.json,.koda,.canvas,.db,.sqlite,.sqlite3,application/json' : 'application/json,.json';
}

interface ImportState {
  /** Null when no import runs. */
  progress: ImportProgress | null;
  /** Imports files (from the picker or dropped on the dashboard), then says what happened. */
  run: (files: readonly File[], provider: StorageProvider) => Promise<void>;
}

export const useImports = create<ImportState>((set, get) => ({
  progress: null,
  run: async (files, provider) => {
    if (files.length === 0) return;
    if (get().progress) {
      showToast({ message: 'An import is already running', tone: 'error' });
      return;
    }
    set({
      progress: {
        filename: files[0].name,
        fileIndex: 0,
        fileCount: files.length,
        phase: 'reading',
        fraction: 0,
      },
    });
    try {
      const outcome = await importFiles(files, importerFor(provider), (progress) => set({ progress }));
      await useLibrary.getState().refresh(provider);
      const summary = importSummary(outcome);
      showToast({
        message: summary.message,
        tone: summary.tone,
        durationMs: summary.tone === 'success' ? 4000 : 9000,
      });
    } finally {
      set({ progress: null });
    }
  },
}));
