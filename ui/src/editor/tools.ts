import { create } from 'zustand';

/**
 * The canvas tool, as in Koda web and design tools: Select (V) drags nodes and draws a selection
 * box on the empty canvas; Pan (H) drags the view, even over nodes. Space held down pans with
 * either tool. Kept for the session, across canvases.
 */
export type CanvasTool = 'select' | 'pan';

interface ToolState {
  tool: CanvasTool;
  setTool: (tool: CanvasTool) => void;
}

export const useTool = create<ToolState>((set) => ({
  tool: 'select',
  setTool: (tool) => set({ tool }),
}));

/** React Flow's interaction props for a tool (and a read-only canvas), as module constants. */
export interface ToolProps {
  panOnDrag: boolean | number[];
  selectionOnDrag: boolean;
  nodesDraggable: boolean;
  nodesConnectable: boolean;
  elementsSelectable: boolean;
}

/** Middle button pans with the select tool (the left one draws the selection box). */
const MIDDLE_BUTTON = [1];

export function flowPropsFor(tool: CanvasTool, readOnly: boolean): ToolProps {
  if (tool === 'pan')
    return {
      panOnDrag: true,
      selectionOnDrag: false,
      nodesDraggable: false,
      nodesConnectable: false,
      elementsSelectable: false,
    };
  return {
    panOnDrag: MIDDLE_BUTTON,
    selectionOnDrag: true,
    nodesDraggable: !readOnly,
    nodesConnectable: !readOnly,
    elementsSelectable: true,
  };
}
