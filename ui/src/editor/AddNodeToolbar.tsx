import { Icon } from '../components/Icon';
import { ADD_NODE_ENTRIES, NODE_DRAG_TYPE } from './node-menu-items';
import type { NodeKind } from '../canvas/node-specs';

/** The floating palette on the left: one button per node kind, in groups. */
export function AddNodeToolbar({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <div className="palette" role="toolbar" aria-label="Add node" aria-orientation="vertical">
      {ADD_NODE_ENTRIES.map((entry, index) => (
        <div key={entry.kind} className="palette__slot">
          {index > 0 && entry.groupStart && <span className="palette__divider" aria-hidden="true" />}
          <button
            type="button"
            className={`palette__button palette__button--${entry.kind}`}
            aria-label={`Add ${entry.label.toLowerCase()}`}
            data-testid={entry.testId}
            draggable
            onDragStart={(event) => {
              // Dragging a button onto the canvas places the node where it is dropped.
              event.dataTransfer.setData(NODE_DRAG_TYPE, entry.kind);
              event.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onAdd(entry.kind)}
          >
            <Icon name={entry.icon} size={18} />
            <span className="palette__tooltip" role="tooltip">
              {entry.label}
            </span>
          </button>
        </div>
      ))}
    </div>
  );
}
