import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../app/app-store';
import { navigate } from '../app/router';
import { Icon } from '../components/Icon';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { EditorCanvas } from './EditorCanvas';
import { EditorTopBar } from './EditorTopBar';
import { useEditor } from './editor-store';
import { ShortcutsDialog } from './ShortcutsDialog';
import { installTestHooks } from './test-hooks';
import { useCanvasSession } from './use-canvas-session';
import { runExport } from '../transfer/run-export';
import { canvasActions } from '../dashboard/canvas-actions';
import { HistoryPanel } from '../generation/HistoryPanel';
import { useGeneration } from '../generation/generation-store';
import { useVersionsShortcut } from './versions/use-versions-shortcut';

// The Versions panel loads when first opened (its own chunk).
const VersionHistory = lazy(() =>
  import('./versions/VersionHistory').then((m) => ({ default: m.VersionHistory })),
);

/** The editor's nodes and edges and what is on screen, for "PNG of the view". */
function currentPicture() {
  const { nodes, edges, currentView } = useEditor.getState();
  return { nodes, edges, view: currentView() };
}

export function Editor({ provider, canvasId }: { provider: StorageProvider; canvasId: string }) {
  const session = useCanvasSession(provider, canvasId);
  const settings = useApp((s) => s.settings);
  const leaveFailed = useRef(false);
  // Set on the first painted frame showing the canvas's nodes (see TESTING.md, `data-ready`).
  const [painted, setPainted] = useState(false);
  const onPainted = useCallback(() => setPainted(true), []);

  const name = useEditor((s) => s.name);
  const shortcutsOpen = useEditor((s) => s.shortcutsOpen);
  const [duplicating, setDuplicating] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Version history (⌘⇧H) and the run history share the right-hand side: one at a time.
  const [versionsOpen, setVersionsOpen] = useState(false);
  const toggleVersions = useCallback(() => {
    setHistoryOpen(false);
    setVersionsOpen((open) => !open);
  }, []);
  useVersionsShortcut(toggleVersions);
  const generationAvailable = useGeneration((s) => s.backend !== null);

  // Runs of this canvas, including ones still going from before Koda last closed; their
  // progress then arrives as events.
  useEffect(() => {
    if (generationAvailable) void useGeneration.getState().loadRuns(canvasId);
  }, [generationAvailable, canvasId]);

  /** History → a run's node: this canvas shows it; another canvas opens first. */
  const openNode = useCallback(
    (targetCanvas: string, nodeId: string) => {
      useGeneration.getState().requestFocus(targetCanvas, nodeId);
      if (targetCanvas !== canvasId) navigate({ screen: 'canvas', id: targetCanvas });
    },
    [canvasId],
  );

  /** A read-only canvas is edited through a copy: an ordinary canvas, opened in its place. */
  const duplicateToEdit = async () => {
    if (duplicating) return;
    setDuplicating(true);
    try {
      await canvasActions(provider).duplicateAndOpen(canvasId);
    } finally {
      setDuplicating(false);
    }
  };

  useEffect(() => {
    installTestHooks();
  }, []);

  // The window title follows the open canvas.
  useEffect(() => {
    if (session.phase !== 'ready') return;
    document.title = `${name} — Koda`;
    return () => {
      document.title = 'Koda';
    };
  }, [name, session.phase]);

  const defaultModels = settings.generation?.defaultModels;
  useEffect(() => {
    useEditor.setState({
      modelDefaults: {
        imageModel: settings.defaultImageModel,
        videoModel: settings.defaultVideoModel,
        speechModel: defaultModels?.speech,
        videoAudioModel: defaultModels?.videoAudio,
      },
    });
  }, [settings.defaultImageModel, settings.defaultVideoModel, defaultModels]);

  const back = async () => {
    try {
      await session.flush();
    } catch (raw) {
      // A second click leaves anyway: never trap someone in a broken canvas.
      if (!leaveFailed.current) {
        leaveFailed.current = true;
        showToast({
          message: `Not saved: ${describeError(toErrorPayload(raw))}. Click back again to leave anyway.`,
          tone: 'error',
          durationMs: 7000,
        });
        return;
      }
    }
    navigate({ screen: 'canvases' });
  };

  return (
    <div
      className="editor"
      data-testid="editor"
      data-canvas-id={canvasId}
      data-ready={session.phase === 'ready' && painted ? 'true' : 'false'}
    >
      <EditorTopBar
        ready={session.phase === 'ready'}
        status={session.status}
        onBack={() => void back()}
        onRetry={session.retry}
        desktop={provider.isDesktop}
        onDuplicateToEdit={() => void duplicateToEdit()}
        duplicating={duplicating}
        historyOpen={historyOpen}
        onToggleHistory={() => {
          setVersionsOpen(false);
          setHistoryOpen((open) => !open);
        }}
        versionsOpen={versionsOpen}
        onToggleVersions={toggleVersions}
        onExport={(choice) => {
          const target = { id: canvasId, name: useEditor.getState().name, picture: currentPicture };
          // Saved first, so the file has the latest edits.
          void runExport(provider, target, choice, session.flush);
        }}
      />
      {session.phase === 'ready' && (
        <div className="editor__body">
          <ReactFlowProvider>
            <EditorCanvas key={canvasId} onPainted={onPainted} />
          </ReactFlowProvider>
          {historyOpen && (
            <HistoryPanel canvasId={canvasId} onOpenNode={openNode} onClose={() => setHistoryOpen(false)} />
          )}
          {versionsOpen && (
            <Suspense fallback={null}>
              <VersionHistory
                provider={provider}
                canvasId={canvasId}
                session={session}
                onClose={() => setVersionsOpen(false)}
              />
            </Suspense>
          )}
        </div>
      )}
      {shortcutsOpen && <ShortcutsDialog onClose={() => useEditor.getState().setShortcutsOpen(false)} />}
      {session.phase === 'loading' && <div className="editor__message">Opening canvas…</div>}
      {session.phase === 'missing' && (
        <div className="editor__message">
          <Icon name="alert" size={22} />
          <p>This canvas doesn’t exist anymore.</p>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => navigate({ screen: 'canvases' })}
          >
            Back to canvases
          </button>
        </div>
      )}
      {session.phase === 'error' && (
        <div className="editor__message" role="alert">
          <Icon name="alert" size={22} />
          <p>{session.message}</p>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => navigate({ screen: 'canvases' })}
          >
            Back to canvases
          </button>
        </div>
      )}
    </div>
  );
}
