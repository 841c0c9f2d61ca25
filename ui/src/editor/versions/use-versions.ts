import { useCallback, useEffect, useRef, useState } from 'react';
import type { VersionInfo } from '../../bindings/VersionInfo';
import { describeError, toErrorPayload } from '../../storage/errors';
import type { StorageProvider } from '../../storage/types';
import type { SaveState } from '../autosave';

export interface VersionList {
  phase: 'loading' | 'ready' | 'error';
  versions: VersionInfo[];
  error?: string;
  refresh: () => Promise<void>;
}

/**
 * A canvas's versions, newest first, kept current: listed again after each save settles (a save
 * may keep a version) and when the canvas changes elsewhere. Late answers never replace newer ones.
 */
export function useVersions(
  provider: Pick<StorageProvider, 'listVersions' | 'onChange'>,
  canvasId: string,
  saveState: SaveState,
): VersionList {
  const [state, setState] = useState<Omit<VersionList, 'refresh'>>({ phase: 'loading', versions: [] });
  const asked = useRef(0);

  const refresh = useCallback(async () => {
    const ask = ++asked.current;
    try {
      const versions = await provider.listVersions(canvasId);
      if (ask === asked.current) setState({ phase: 'ready', versions });
    } catch (raw) {
      if (ask !== asked.current) return;
      const error = describeError(toErrorPayload(raw));
      // A list already shown stays; only a first failure is shown as one.
      setState((s) => (s.phase === 'ready' ? s : { phase: 'error', versions: [], error }));
    }
  }, [provider, canvasId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (saveState !== 'saved') return;
    const timer = setTimeout(() => void refresh(), 500);
    return () => clearTimeout(timer);
  }, [saveState, refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = provider.onChange((event) => {
      if (event.canvasId !== canvasId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 400);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [provider, canvasId, refresh]);

  return { ...state, refresh };
}
