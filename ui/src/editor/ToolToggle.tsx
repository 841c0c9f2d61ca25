import { EditorIcon } from './editor-icons';
import { useTool, type CanvasTool } from './tools';

const TOOLS: { tool: CanvasTool; label: string; key: string; icon: 'cursor' | 'hand' }[] = [
  { tool: 'select', label: 'Select', key: 'V', icon: 'cursor' },
  { tool: 'pan', label: 'Pan', key: 'H', icon: 'hand' },
];

/** The select / pan switch floating at the top of the canvas (also V and H). */
export function ToolToggle() {
  const tool = useTool((s) => s.tool);
  const setTool = useTool((s) => s.setTool);
  return (
    <div className="tool-toggle" role="toolbar" aria-label="Canvas tool">
      {TOOLS.map((entry) => (
        <button
          key={entry.tool}
          type="button"
          className={`tool-toggle__button${tool === entry.tool ? ' is-active' : ''}`}
          aria-pressed={tool === entry.tool}
          aria-label={`${entry.label} tool`}
          title={`${entry.label} (${entry.key})`}
          data-testid={`tool-${entry.tool}`}
          onClick={() => setTool(entry.tool)}
        >
          <EditorIcon name={entry.icon} size={16} />
        </button>
      ))}
    </div>
  );
}
