import { Handle, Position } from '@xyflow/react';
import type { HandleSpec } from '../node-specs';

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
