import { create } from 'zustand';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';

interface LibraryState {
  canvases: CanvasMetadata[];
  trash: CanvasMetadata[];
  loaded: boolean;
  error: string | null;
  refresh: (provider: StorageProvider) => Promise<void>;
  /** Optimistic local edits, so the grid responds before the backend answers. */
  patchCanvas: (id: string, change: Partial<CanvasMetadata>) => void;
  removeCanvas: (id: string) => void;
}

/** The canvases and the trash, as the dashboard shows them. */
export const useLibrary = create<LibraryState>((set, get) => ({
  canvases: [],
  trash: [],
  loaded: false,
  error: null,
  refresh: async (provider) => {
    try {
      const [canvases, trash] = await Promise.all([provider.listCanvases(), provider.listTrash()]);
      set({ canvases, trash, loaded: true, error: null });
    } catch (raw) {
      set({ loaded: true, error: describeError(toErrorPayload(raw)) });
    }
  },
  patchCanvas: (id, change) =>
    set({ canvases: get().canvases.map((c) => (c.id === id ? { ...c, ...change } : c)) }),
  removeCanvas: (id) => set({ canvases: get().canvases.filter((c) => c.id !== id) }),
}));
