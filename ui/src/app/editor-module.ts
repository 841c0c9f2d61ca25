import { useEffect, useState } from 'react';
import type * as EditorChunk from '../editor/Editor';

type EditorModule = typeof EditorChunk;

let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;

/** Fetches the editor's chunk once (the app starts without React Flow); later calls share it. */
export function loadEditorModule(): Promise<EditorModule> {
  loading ??= import('../editor/Editor').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null; // a later open tries again
      throw error;
    },
  );
  return loading;
}

/**
 * The editor's module: at once when it is already fetched (the usual case: it is fetched in the
 * background after start), else once it arrives. Not React.lazy: a Suspense boundary that shows
 * its fallback holds the content back for React's reveal throttle (~300 ms), which is most of
 * what opening a canvas would take.
 */
export function useEditorModule(): { module: EditorModule | null; error: unknown } {
  const [state, setState] = useState<{ module: EditorModule | null; error: unknown }>({
    module: loaded,
    error: null,
  });
  useEffect(() => {
    if (state.module) return;
    let current = true;
    loadEditorModule().then(
      (module) => current && setState({ module, error: null }),
      (error: unknown) => current && setState({ module: null, error }),
    );
    return () => {
      current = false;
    };
  }, [state.module]);
  return state;
}
