import { navigate } from '../app/router';
import type { SearchHit } from '../bindings/SearchHit';
import { showToast } from '../components/toast-store';
import { showCurrentIfLoaded } from '../editor/versions/preview-exit';
import { useGeneration } from '../generation/generation-store';

/**
 * Opens what a hit points at: its canvas, with the node selected and centred (the editor's
 * focus request, as History → Open node uses). A canvas-level hit just opens the canvas.
 */
export function openHit(hit: SearchHit): void {
  // A version shown for a look gives way to the canvas itself, where the hit is.
  showCurrentIfLoaded();
  if (hit.nodeId) useGeneration.getState().requestFocus(hit.canvasId, hit.nodeId);
  navigate({ screen: 'canvas', id: hit.canvasId });
  if (hit.trashed)
    showToast({ message: `“${hit.canvasName}” is in the trash. Restore it from Trash to keep it.` });
}
