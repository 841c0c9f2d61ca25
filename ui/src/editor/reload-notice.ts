import type { ReloadReason } from './autosave';
import { UPDATED_KEEPING_EDITS } from './SaveStatus';

/** What to tell the person when the open canvas was updated from storage (null: nothing). */
export function reloadNotice(reason: ReloadReason, keptEdits: boolean): string | null {
  if (reason === 'conflict' || (reason === 'synced' && keptEdits)) return UPDATED_KEEPING_EDITS;
  if (reason === 'external')
    return keptEdits
      ? 'Updated with changes made elsewhere — your edits were kept'
      : 'Updated with changes made elsewhere';
  // Synced without local edits: the canvas just follows, quietly.
  return null;
}
