import type { KeyboardEvent } from 'react';
import type { VersionInfo } from '../../bindings/VersionInfo';
import { CloseButton } from '../../components/CloseButton';
import { Icon } from '../../components/Icon';
import { relativeTime } from '../../dashboard/relative-time';
import {
  absoluteTime,
  clockTime,
  groupByDay,
  nodeCountLabel,
  sourceHint,
  sourceLabel,
} from './version-describe';
import type { VersionList } from './use-versions';

interface VersionsPanelProps {
  list: VersionList;
  /** The version on the canvas; null: the current canvas. */
  previewed: VersionInfo | null;
  /** The version being fetched for a preview. */
  opening: number | null;
  currentName: string;
  currentNodes: number;
  now: number;
  onPreview: (version: VersionInfo) => void;
  onCurrent: () => void;
  onClose: () => void;
}

/** ↑ ↓ move through the list, previewing as they go. */
function moveWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const options = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="option"]')];
  const at = options.indexOf(document.activeElement as HTMLButtonElement);
  const next = options[Math.min(options.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (!next || next === document.activeElement) return;
  event.preventDefault();
  next.focus();
  next.click();
}

/**
 * The editor's right-hand Versions panel: the current canvas, then every kept version by day,
 * each with its time (absolute in the tooltip), why it was kept and its size. Choosing one shows
 * it on the canvas (the banner offers the restores).
 */
export function VersionsPanel(props: VersionsPanelProps) {
  const { list, previewed, opening, currentName, currentNodes, now, onPreview, onCurrent, onClose } = props;
  const groups = groupByDay(list.versions, now);
  return (
    <aside className="versions" data-testid="versions-panel" aria-label="Version history">
      <header className="versions__head">
        <div className="versions__heading">
          <Icon name="clock" size={16} />
          <h2 className="versions__title">Version history</h2>
          {list.versions.length > 0 && <span className="versions__count">{list.versions.length}</span>}
        </div>
        <CloseButton label="Close version history" testId="versions-close" onClick={onClose} />
      </header>

      <div className="versions__list" role="listbox" aria-label="Versions" onKeyDown={moveWithArrows}>
        <button
          type="button"
          role="option"
          aria-selected={previewed === null}
          className={`version-row version-row--current${previewed === null ? ' is-selected' : ''}`}
          data-testid="version-current"
          onClick={onCurrent}
        >
          <span className="version-row__rail" aria-hidden="true">
            <span className="version-row__dot" />
          </span>
          <span className="version-row__main">
            <span className="version-row__line">
              <span className="version-row__time">Current version</span>
            </span>
            <span className="version-row__meta">{nodeCountLabel(currentNodes)} · what you are editing</span>
          </span>
          <span className="version-chip version-chip--live">Live</span>
        </button>

        {groups.map((group) => (
          <section key={group.label} className="versions__day" aria-label={group.label}>
            <h3 className="versions__day-label">{group.label}</h3>
            {group.versions.map((version) => {
              const selected = previewed?.id === version.id;
              return (
                <button
                  key={version.id}
                  type="button"
                  role="option"
                  aria-selected={selected}
                  aria-busy={opening === version.id || undefined}
                  className={`version-row${selected ? ' is-selected' : ''}`}
                  data-testid="version-item"
                  data-version-id={version.id}
                  data-source={version.source}
                  onClick={() => onPreview(version)}
                >
                  <span className="version-row__rail" aria-hidden="true">
                    <span className="version-row__dot" />
                  </span>
                  <span className="version-row__main">
                    <span className="version-row__line">
                      <time
                        className="version-row__time"
                        dateTime={new Date(version.at).toISOString()}
                        title={absoluteTime(version.at)}
                      >
                        {clockTime(version.at)}
                      </time>
                      <span className="version-row__ago" title={absoluteTime(version.at)}>
                        {relativeTime(version.at, now)}
                      </span>
                    </span>
                    <span className="version-row__meta">
                      {nodeCountLabel(version.nodeCount)}
                      {version.name !== currentName && (
                        <span className="version-row__name" title="The canvas's name then">
                          {' '}
                          · “{version.name}”
                        </span>
                      )}
                    </span>
                  </span>
                  {opening === version.id ? (
                    <span className="version-row__spinner" aria-label="Opening" />
                  ) : (
                    <span
                      className={`version-chip version-chip--${version.source}`}
                      title={sourceHint(version)}
                    >
                      {sourceLabel(version)}
                    </span>
                  )}
                </button>
              );
            })}
          </section>
        ))}

        {list.phase === 'loading' && (
          <div className="versions__skeleton" aria-label="Loading versions">
            <span />
            <span />
            <span />
          </div>
        )}
        {list.phase === 'error' && (
          <div className="versions__empty" role="alert" data-testid="versions-error">
            <Icon name="alert" size={22} strokeWidth={1.5} />
            <span className="versions__empty-title">Versions could not be loaded</span>
            <span className="versions__empty-text">{list.error}</span>
            <button type="button" className="btn btn--secondary btn--sm" onClick={() => void list.refresh()}>
              Try again
            </button>
          </div>
        )}
        {list.phase === 'ready' && list.versions.length === 0 && (
          <div className="versions__empty" data-testid="versions-empty">
            <span className="versions__empty-art" aria-hidden="true">
              <Icon name="clock" size={22} strokeWidth={1.5} />
            </span>
            <span className="versions__empty-title">No versions yet</span>
            <span className="versions__empty-text">
              Koda keeps a version when your edits settle, before an import or a sync replaces this canvas,
              and before every restore. Keep working — they will show up here.
            </span>
          </div>
        )}
      </div>

      <footer className="versions__foot">
        <Icon name="restore" size={13} />
        <span>Restoring never loses anything: the canvas it replaces is kept as a version.</span>
      </footer>
    </aside>
  );
}
