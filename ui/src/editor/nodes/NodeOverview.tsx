import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { FIRST_HANDLE_TOP, HANDLE_ROW_HEIGHT, HANDLE_SIZE } from '../handle-geometry';
import { inputsOf, NOTE_COLORS, outputsOf, type HandleSpec } from '../node-specs';
import { overviewTitle } from '../overview-title';
import type { KodaNode } from '../persisted';

/**
 * Invisible anchors where the full node draws its handles, for nodes React Flow has to measure
 * (those without a known size): it reads `.source` / `.target` elements with `data-handleid` and
 * `data-handlepos`. Not `.react-flow__handle`, so nothing can be wired to them.
 */
function Anchors({ specs, side }: { specs: HandleSpec[]; side: 'input' | 'output' }) {
  const type = side === 'input' ? 'target' : 'source';
  const position = side === 'input' ? 'left' : 'right';
  return specs.map((spec, row) => (
    <span
      key={spec.id}
      className={`knode-overview__anchor knode-overview__anchor--${position} ${type}`}
      data-handleid={spec.id}
      data-handlepos={position}
      style={{ top: FIRST_HANDLE_TOP + row * HANDLE_ROW_HEIGHT, width: HANDLE_SIZE, height: HANDLE_SIZE }}
      aria-hidden="true"
    />
  ));
}

/** A node zoomed far out: a box in its kind's colour with one line of title. */
export const NodeOverview = memo(function NodeOverview({ type, data, selected }: NodeProps<KodaNode>) {
  const note = type === 'stickyNote' ? (NOTE_COLORS.find((c) => c === data.color) ?? 'yellow') : null;
  const className = ['knode-overview', `knode-overview--${type}`, note ? `note--${note}` : '', selected ? 'is-selected' : ''].filter(Boolean).join(' ');
  return (
    <div className={className} data-testid="node-overview">
      <span className="knode-overview__title">{overviewTitle(type, data)}</span>
      <Anchors specs={inputsOf(type)} side="input" />
      <Anchors specs={outputsOf(type, data)} side="output" />
    </div>
  );
});
