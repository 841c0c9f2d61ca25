import type { VersionInfo } from '../../bindings/VersionInfo';
import { Icon } from '../../components/Icon';
import { useEditor } from '../editor-store';
import { nodeLabel } from './node-label';
import { absoluteTime, nodeCountLabel, sourceLabel, versionMoment } from './version-describe';

interface VersionBannerProps {
  version: VersionInfo;
  /** A restore is running. */
  busy: boolean;
  /** The canvas itself is read-only (a showcase): it cannot be restored into. */
  readOnly: boolean;
  onBack: () => void;
  onRestore: () => void;
  onRestoreNode: (node: { id: string; label: string }) => void;
}

/** Over the canvas while a version is shown: what it is, and the way back or forward. */
export function VersionBanner({
  version,
  busy,
  readOnly,
  onBack,
  onRestore,
  onRestoreNode,
}: VersionBannerProps) {
  const selected = useEditor((s) =>
    s.nodes
      .filter((n) => n.selected)
      .map((n) => n.id)
      .join('\n'),
  );
  const ids = selected ? selected.split('\n') : [];
  const node = ids.length === 1 ? useEditor.getState().nodes.find((n) => n.id === ids[0]) : undefined;
  const label = node ? nodeLabel(node) : '';
  const nodeHint =
    ids.length === 0
      ? 'Select a node in this version to restore it alone'
      : ids.length > 1
        ? 'Select just one node to restore it alone'
        : `Put “${label}” back as it was, with its connections`;
  return (
    <div className="version-banner-wrap">
      <div className="version-banner" role="status" data-testid="version-banner">
        <span className="version-banner__icon" aria-hidden="true">
          <Icon name="clock" size={16} />
        </span>
        <span className="version-banner__text">
          <strong title={absoluteTime(version.at)}>Viewing version from {versionMoment(version.at)}</strong>
          <span className="version-banner__sub">
            {sourceLabel(version)} · {nodeCountLabel(version.nodeCount)} · read-only preview
          </span>
        </span>
        <span className="version-banner__actions">
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            data-testid="version-back"
            title="Back to the current canvas (Esc)"
            onClick={onBack}
          >
            Back to current
          </button>
          <span className="version-banner__tip" title={nodeHint}>
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              data-testid="version-restore-node"
              disabled={busy || readOnly || !node}
              aria-label={node ? `Restore “${label}”` : 'Restore selected node'}
              onClick={() => node && onRestoreNode({ id: node.id, label })}
            >
              <Icon name="restore" size={14} />
              {node ? (
                <span className="version-banner__node">Restore “{label}”</span>
              ) : (
                'Restore selected node'
              )}
            </button>
          </span>
          <button
            type="button"
            className="btn btn--primary btn--sm"
            data-testid="version-restore"
            disabled={busy || readOnly}
            title={readOnly ? 'This canvas is read-only' : 'Make the whole canvas look like this again'}
            onClick={onRestore}
          >
            {busy ? 'Restoring…' : 'Restore this version'}
          </button>
        </span>
      </div>
    </div>
  );
}
