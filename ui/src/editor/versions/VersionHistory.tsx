import { useEffect, useRef, useState } from 'react';
import type { VersionInfo } from '../../bindings/VersionInfo';
import { showToast } from '../../components/toast-store';
import { useNow } from '../../dashboard/use-now';
import { describeError, toErrorPayload } from '../../storage/errors';
import type { StorageProvider } from '../../storage/types';
import type { SaveStatus } from '../autosave';
import { useEditor } from '../editor-store';
import { restoreFromVersion, type RestoreSession } from './restore-version';
import { useVersions } from './use-versions';
import { VersionBanner } from './VersionBanner';
import { VersionsPanel } from './VersionsPanel';
import { isPreviewing, showCurrent, showVersion, useVersionPreview } from './version-preview';

interface VersionHistoryProps {
  provider: StorageProvider;
  canvasId: string;
  session: RestoreSession & { status: SaveStatus };
  onClose: () => void;
}

/**
 * Version history in the editor: the panel, the version shown on the canvas with its banner, and
 * the restores. Closing it (or leaving the canvas) puts the current canvas back.
 */
export function VersionHistory({ provider, canvasId, session, onClose }: VersionHistoryProps) {
  const list = useVersions(provider, canvasId, session.status.state);
  const previewed = useVersionPreview((s) => s.version);
  const stashed = useVersionPreview((s) => s.stash);
  const editorNodes = useEditor((s) => s.nodes.length);
  const editorName = useEditor((s) => s.name);
  const editorReadOnly = useEditor((s) => s.readOnly);
  const [opening, setOpening] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const asked = useRef(0);
  const now = useNow(30_000);

  // Whatever closes the panel puts the canvas back.
  useEffect(() => () => showCurrent(), []);

  // Esc: back to the current canvas (not while a dialog or menu has the keys).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !isPreviewing() || document.querySelector('.modal, .menu')) return;
      showCurrent();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const preview = async (version: VersionInfo) => {
    if (useVersionPreview.getState().version?.id === version.id) return;
    const ask = ++asked.current;
    setOpening(version.id);
    try {
      const canvas = await provider.getVersion(canvasId, version.id);
      if (ask === asked.current && useEditor.getState().canvasId === canvasId) showVersion(version, canvas);
    } catch (raw) {
      const error = toErrorPayload(raw);
      showToast({
        message:
          error.code === 'not_found'
            ? 'That version no longer exists.'
            : `Could not show it: ${describeError(error)}`,
        tone: 'error',
      });
      if (error.code === 'not_found') void list.refresh();
    } finally {
      if (ask === asked.current) setOpening(null);
    }
  };

  const restore = async (node?: { id: string; label: string }) => {
    const version = useVersionPreview.getState().version;
    if (!version || restoring) return;
    setRestoring(true);
    try {
      await restoreFromVersion({ provider, session, canvasId, version, node });
    } finally {
      setRestoring(false);
      void list.refresh();
    }
  };

  return (
    <>
      <VersionsPanel
        list={list}
        previewed={previewed}
        opening={opening}
        currentName={stashed?.name ?? editorName}
        currentNodes={stashed?.nodes.length ?? editorNodes}
        now={now}
        onPreview={(version) => void preview(version)}
        onCurrent={showCurrent}
        onClose={onClose}
      />
      {previewed && (
        <VersionBanner
          version={previewed}
          busy={restoring}
          readOnly={stashed?.readOnly ?? editorReadOnly}
          onBack={showCurrent}
          onRestore={() => void restore()}
          onRestoreNode={(node) => void restore(node)}
        />
      )}
    </>
  );
}
