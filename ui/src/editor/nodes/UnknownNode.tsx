import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { pluginOutput, summarizeData } from '../../canvas/node-content';
import { readString } from '../../canvas/node-data';
import type { KodaNode } from '../persisted';
import { MediaView } from './NodeMedia';
import { NodeCard } from './NodeCard';

const SHOWN_FIELDS = 8;

/**
 * A plugin node, or a node of a type this Koda does not know (a newer Koda web's): a readable card
 * with its name, type and a summary of its data. Nothing in it is changed (its name aside, when
 * someone renames it), so the node goes back to Koda web as it came.
 */
export const UnknownNode = memo(function UnknownNode({ id, type, data, selected }: NodeProps<KodaNode>) {
  const plugin = type === 'pluginNode';
  const pluginId = readString(data, 'pluginId');
  const output = plugin ? pluginOutput(data) : {};
  const words =
    readString(data, 'prompt') || readString(data, 'name') || (plugin ? pluginId : undefined) || type;
  const fields = summarizeData(data, ['name', 'prompt']);
  const title = plugin ? pluginId || 'Plugin' : type;
  return (
    <NodeCard
      id={id}
      type={type}
      data={data}
      selected={selected}
      icon="puzzle"
      kind={plugin ? 'pluginNode' : 'unknown'}
      fallbackTitle={title}
      minWidth={220}
    >
      <div className="knode__body knode__body--stack" data-testid="node-unknown">
        <p className="knode__kind">
          {plugin ? `Plugin · ${pluginId ?? 'unknown'}` : `${type} · kept as it is`}
        </p>
        <p className="knode__words" data-testid="node-words">
          {words}
        </p>
        {output.video && <MediaView url={output.video} kind="video" nodeId={id} className="gallery__main" />}
        {!output.video && output.image && (
          <MediaView url={output.image} kind="image" nodeId={id} className="gallery__main" />
        )}
        {fields.length > 0 && (
          <dl className="data-summary">
            {fields.slice(0, SHOWN_FIELDS).map(({ key, value }) => (
              <div key={key} className="data-summary__row">
                <dt>{key}</dt>
                <dd title={value}>{value}</dd>
              </div>
            ))}
            {fields.length > SHOWN_FIELDS && (
              <p className="data-summary__more">+{fields.length - SHOWN_FIELDS} more fields</p>
            )}
          </dl>
        )}
      </div>
    </NodeCard>
  );
});
