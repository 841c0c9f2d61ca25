import { createContext } from 'react';

/**
 * Level of detail: zoomed far out, nodes are drawn as plain coloured boxes with a title (no
 * handles, inputs or resizers), which keeps big canvases fast where the details are unreadable.
 */
export type DetailLevel = 'full' | 'overview';

/** Below this zoom the canvas switches to the overview. */
export const OVERVIEW_BELOW_ZOOM = 0.35;

export function detailLevelAt(zoom: number): DetailLevel {
  return zoom < OVERVIEW_BELOW_ZOOM ? 'overview' : 'full';
}

/** Provided once by the canvas, so nodes need no subscription of their own to the zoom. */
export const DetailLevelContext = createContext<DetailLevel>('full');
