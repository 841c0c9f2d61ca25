import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import {
  FALLBACK_HANDLE_TOP,
  FIRST_HANDLE_TOP,
  HANDLE_ROW_HEIGHT,
  HANDLE_SIZE,
} from '../../canvas/handle-geometry';
import { FALLBACK_INPUT, FALLBACK_OUTPUT, handlesOf } from '../../canvas/handles';
import { isNodeKind, NOTE_COLORS } from '../../canvas/node-specs';
import { overviewTitle } from '../overview-title';
import type { KodaNode } from '../persisted';

/**
 * Invisible anchors where the full node draws its handles, for nodes React Flow has to measure
 * (those without a known size): it reads `.source` / `.target` elements with `data-handleid` and
 * `data-handlepos`. Not `.react-flow__handle`, so nothing can be wired to them.
 */
function Anchors({ ids, side }: { ids: string[]; side: 'input' | 'output' }) {
  const type = side === 'input' ? 'target' : 'source';
  const position = side === 'input' ? 'left' : 'right';
  const fallback = ids.length === 0;
  const shown = fallback ? [side === 'input' ? FALLBACK_INPUT : FALLBACK_OUTPUT] : ids;
  return shown.map((id, row) => (
    <span
      key={id}
      className={`knode-overview__anchor knode-overview__anchor--${position} ${type}`}
      data-handleid={id}
      data-handlepos={position}
      style={{
        top: fallback ? FALLBACK_HANDLE_TOP : FIRST_HANDLE_TOP + row * HANDLE_ROW_HEIGHT,
        width: HANDLE_SIZE,
        height: HANDLE_SIZE,
      }}
      aria-hidden="true"
    />
  ));
}

/** A node zoomed far out: a box in its kind's colour with one line of title. */
export const NodeOverview = memo(function NodeOverview({ type, data, selected }: NodeProps<KodaNode>) {
  const { inputs, outputs } = handlesOf(type, data);
  const note = type === 'stickyNote' ? (NOTE_COLORS.find((c) => c === data.color) ?? 'yellow') : null;
  const kind = isNodeKind(type) ? type : 'unknown';
  const className = [
    'knode-overview',
    'node-drag-handle',
    `knode-overview--${kind}`,
    note ? `note--${note}` : '',
    selected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} data-testid="node-overview">
      <span className="knode-overview__title">{overviewTitle(type, data)}</span>
      <Anchors ids={inputs.map((h) => h.id)} side="input" />
      <Anchors ids={outputs.map((h) => h.id)} side="output" />
    </div>
  );
});
