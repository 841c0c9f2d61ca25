import { useCallback, useRef, useState } from 'react';
import { useApp } from '../app/app-store';
import { useEditorMenu } from '../app/menu-targets';
import { Icon } from '../components/Icon';
import { InlineEdit } from '../components/InlineEdit';
import { Menu } from '../components/Menu';
import type { ExportChoice } from '../transfer/export-canvas';
import { exportMenuItems } from '../transfer/export-menu-items';
import type { SaveStatus as Status } from './autosave';
import { useEditor } from './editor-store';
import { SyncBadge } from '../sync/SyncBadge';
import { AssetStorageBadge } from '../asset-storage/AssetStorageBadge';
import { SaveStatus } from './SaveStatus';
import { EditorIcon } from './editor-icons';
import { modKey } from './shortcuts';
import { RunAllButton } from './RunAll';
import { useVersionPreview } from './versions/version-preview';

interface EditorTopBarProps {
  /** The name and actions only make sense once the canvas is loaded. */
  ready: boolean;
  status: Status;
  onBack: () => void;
  onRetry: () => void;
  onExport: (choice: ExportChoice) => void;
  /** Whether the app can write every format (desktop), else only what the browser makes. */
  desktop: boolean;
  /** A read-only canvas: makes an editable copy and opens it. */
  onDuplicateToEdit: () => void;
  /** A copy is being made. */
  duplicating?: boolean;
  /** The History panel is showing. */
  historyOpen: boolean;
  onToggleHistory: () => void;
  /** The Versions panel (version history) is showing. */
  versionsOpen: boolean;
  onToggleVersions: () => void;
}

export function EditorTopBar({
  ready,
  status,
  onBack,
  onRetry,
  onExport,
  desktop,
  onDuplicateToEdit,
  duplicating = false,
  historyOpen,
  onToggleHistory,
  versionsOpen,
  onToggleVersions,
}: EditorTopBarProps) {
  const name = useEditor((s) => s.name);
  // A version shown for a look is drawn read-only; the canvas itself may not be.
  const previewing = useVersionPreview((s) => s.version !== null);
  const locked = useEditor((s) => s.readOnly);
  const readOnly = locked && !previewing;
  const rename = useEditor((s) => s.rename);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const [editing, setEditing] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  const closeExport = useCallback(() => setExportOpen(false), []);
  // The app menu's File → Export…, Version history and Keyboard shortcuts: as these buttons, but
  // only ever opening (a menu item whose key the page also heard must not close it again).
  useEditorMenu({
    export: () => ready && setExportOpen(true),
    versions: () => ready && !readOnly && !versionsOpen && onToggleVersions(),
    shortcuts: () => useEditor.getState().setShortcutsOpen(true),
  });

  return (
    <header className="topbar">
      <div className="topbar__left">
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          aria-label="Back to canvases"
          title="Back to canvases"
          data-testid="editor-back"
          onClick={onBack}
        >
          <Icon name="back" size={17} />
        </button>
        <span className="topbar__crumb">Canvases</span>
        <span className="topbar__slash" aria-hidden="true">
          /
        </span>
        {!ready ? (
          <span className="topbar__name topbar__name--placeholder" aria-hidden="true" />
        ) : editing ? (
          <InlineEdit
            value={name}
            ariaLabel="Canvas name"
            testId="rename-input"
            className="topbar__name-input"
            onCommit={(next) => {
              setEditing(false);
              rename(next);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : locked ? (
          <span className="topbar__name topbar__name--static" data-testid="editor-name">
            {name}
          </span>
        ) : (
          <button
            type="button"
            className="topbar__name"
            data-testid="editor-name"
            title="Rename"
            onClick={() => setEditing(true)}
          >
            {name}
          </button>
        )}
        {ready && !readOnly && <SaveStatus status={status} onRetry={onRetry} />}
        {ready && readOnly && (
          <div className="readonly-banner" role="status" data-testid="readonly-banner">
            <EditorIcon name="lock" size={14} className="readonly-banner__icon" />
            <span className="readonly-banner__text">
              <strong>Read-only template.</strong> Look around and copy freely; changes are not saved.
            </span>
            <button
              type="button"
              className="btn btn--primary btn--sm readonly-banner__action"
              data-testid="duplicate-to-edit"
              disabled={duplicating}
              onClick={onDuplicateToEdit}
            >
              <EditorIcon name="duplicate" size={14} />
              {duplicating ? 'Duplicating…' : 'Duplicate to edit'}
            </button>
          </div>
        )}
      </div>
      <div className="topbar__right">
        <RunAllButton ready={ready} />
        <button
          type="button"
          className={`btn btn--ghost btn--icon${historyOpen ? ' is-active' : ''}`}
          aria-label="History"
          title="History: every run, its cost and status"
          aria-pressed={historyOpen}
          data-testid="history-open"
          onClick={onToggleHistory}
        >
          <Icon name="history" size={17} />
        </button>
        <button
          type="button"
          className={`btn btn--ghost btn--icon${versionsOpen ? ' is-active' : ''}`}
          aria-label="Version history"
          title={`Version history (${modKey}⇧H)`}
          aria-pressed={versionsOpen}
          data-testid="versions-open"
          disabled={!ready || readOnly}
          onClick={onToggleVersions}
        >
          <Icon name="clock" size={17} />
        </button>
        <span className="topbar__divider" aria-hidden="true" />
        <SyncBadge hideWhenOff />
        <AssetStorageBadge problemsOnly />
        <div className="topbar__group">
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            aria-label="Undo"
            title={`Undo (${modKey}Z)`}
            data-testid="undo"
            disabled={!ready || !canUndo}
            onClick={undo}
          >
            <Icon name="undo" size={17} />
          </button>
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            aria-label="Redo"
            title={`Redo (${modKey}⇧Z)`}
            data-testid="redo"
            disabled={!ready || !canRedo}
            onClick={redo}
          >
            <Icon name="redo" size={17} />
          </button>
        </div>
        <span className="topbar__divider" aria-hidden="true" />
        <button
          ref={exportButton}
          type="button"
          className="btn btn--ghost btn--icon"
          aria-label="Export"
          title="Export"
          aria-haspopup="menu"
          aria-expanded={exportOpen}
          data-testid="editor-export"
          disabled={!ready}
          onClick={() => setExportOpen((open) => !open)}
        >
          <Icon name="export" size={17} />
        </button>
        {exportOpen && (
          <Menu
            anchor={exportButton}
            label="Export canvas"
            testId="export-menu"
            onClose={closeExport}
            items={exportMenuItems(desktop, onExport, { view: true })}
          />
        )}
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          data-testid="shortcuts"
          onClick={() => useEditor.getState().setShortcutsOpen(true)}
        >
          <Icon name="keyboard" size={17} />
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          aria-label="Settings"
          title={`Settings (${modKey},)`}
          data-testid="open-settings"
          onClick={() => useApp.getState().openSettings()}
        >
          <Icon name="settings" size={17} />
        </button>
      </div>
    </header>
  );
}
