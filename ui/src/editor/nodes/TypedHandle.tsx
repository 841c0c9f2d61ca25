import { Handle, Position } from '@xyflow/react';
import { FALLBACK_HANDLE_TOP, HANDLE_SIZE } from '../../canvas/handle-geometry';
import { FALLBACK_INPUT, FALLBACK_OUTPUT, handlesOf, type HandleSpec } from '../../canvas/handles';

/** A handle coloured by the kind of data it carries, with its label beside it. */
export function TypedHandle({ spec, side }: { spec: HandleSpec; side: 'input' | 'output' }) {
  const isInput = side === 'input';
  return (
    <div className={`port port--${side}`}>
      <Handle
        id={spec.id}
        type={isInput ? 'target' : 'source'}
        position={isInput ? Position.Left : Position.Right}
        className={`handle handle--${spec.dataType}`}
        title={`${spec.label} (${spec.dataType})`}
      />
      <span className={`port__label port__label--${spec.dataType}`}>{spec.label}</span>
    </div>
  );
}

/** Inputs on the left, outputs on the right, one pair a row. */
export function PortRows({ inputs, outputs }: { inputs: HandleSpec[]; outputs: HandleSpec[] }) {
  const rows = Math.max(inputs.length, outputs.length);
  if (rows === 0) return null;
  return (
    <div className="ports">
      {Array.from({ length: rows }, (_, i) => (
        <div className="ports__row" key={i}>
          {inputs[i] ? <TypedHandle spec={inputs[i]} side="input" /> : <span />}
          {outputs[i] ? <TypedHandle spec={outputs[i]} side="output" /> : <span />}
        </div>
      ))}
    </div>
  );
}

/** React Flow centres a handle on `top`; `handlesFor` gives its box's top edge. */
const STYLE = { top: FALLBACK_HANDLE_TOP + HANDLE_SIZE / 2 };

/**
 * Invisible handles that cannot be wired, on a side where the node has none: an edge stored for
 * such a node (another app's, a plugin's) is still drawn. See `canvas/handles.ts`.
 */
export function FallbackHandles({ inputs, outputs }: { inputs: boolean; outputs: boolean }) {
  return (
    <>
      {inputs && (
        <Handle
          id={FALLBACK_INPUT}
          type="target"
          position={Position.Left}
          isConnectable={false}
          className="handle-fallback"
          style={STYLE}
        />
      )}
      {outputs && (
        <Handle
          id={FALLBACK_OUTPUT}
          type="source"
          position={Position.Right}
          isConnectable={false}
          className="handle-fallback"
          style={STYLE}
        />
      )}
    </>
  );
}

/** A node's ports as its type and data give them, plus fallback handles for empty sides. */
export function NodePorts({ type, data }: { type: string | undefined; data: Record<string, unknown> }) {
  const { inputs, outputs } = handlesOf(type, data);
  return (
    <>
      <PortRows inputs={inputs} outputs={outputs} />
      <FallbackHandles inputs={inputs.length === 0} outputs={outputs.length === 0} />
    </>
  );
}
