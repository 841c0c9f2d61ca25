import type { NodeProps } from '@xyflow/react';
import { memo, useContext, type ComponentType } from 'react';
import { DetailLevelContext } from '../detail-level';
import type { KodaNode } from '../persisted';
import { NodeOverview } from './NodeOverview';

/** A node type that draws `Full` up close and the plain overview box when zoomed far out. */
export function withDetailLevel(
  Full: ComponentType<NodeProps<KodaNode>>,
): ComponentType<NodeProps<KodaNode>> {
  const Switch = (props: NodeProps<KodaNode>) =>
    useContext(DetailLevelContext) === 'overview' ? <NodeOverview {...props} /> : <Full {...props} />;
  Switch.displayName = `WithDetailLevel(${Full.displayName ?? Full.name})`;
  return memo(Switch);
}
