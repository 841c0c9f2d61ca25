import { NodeResizer } from '@xyflow/react';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { useEditor } from '../editor-store';

interface NodeFrameProps {
  kind: string;
  title: string;
  icon: IconName;
  selected: boolean;
  minWidth?: number;
  minHeight?: number;
  headerExtra?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** The card every generator-style node shares: resizer, header with icon, body. */
export function NodeFrame({ kind, title, icon, selected, minWidth = 200, minHeight = 120, headerExtra, children, className }: NodeFrameProps) {
  const { beginGesture, endGesture } = useEditor.getState();
  return (
    <div className={`knode knode--${kind}${selected ? ' is-selected' : ''} ${className ?? ''}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={minWidth}
        minHeight={minHeight}
        lineClassName="resizer-line"
        handleClassName="resizer-handle"
        onResizeStart={() => beginGesture()}
        onResizeEnd={() => endGesture()}
      />
      <header className="knode__header">
        <span className="knode__icon">
          <Icon name={icon} size={14} strokeWidth={2} />
        </span>
        <span className="knode__title">{title}</span>
        {headerExtra}
      </header>
      {children}
    </div>
  );
}
