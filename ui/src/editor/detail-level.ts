/**
 * Level of detail: zoomed far out, the canvas is painted as plain coloured boxes with a title on
 * one bitmap (editor/overview), which keeps big canvases fast where the details are unreadable.
 */
export type DetailLevel = 'full' | 'overview';

/** Below this zoom the canvas switches to the overview. */
export const OVERVIEW_BELOW_ZOOM = 0.35;

export function detailLevelAt(zoom: number): DetailLevel {
  return zoom < OVERVIEW_BELOW_ZOOM ? 'overview' : 'full';
}
