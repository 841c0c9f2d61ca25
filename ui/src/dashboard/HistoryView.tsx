import { useMemo } from 'react';
import { navigate } from '../app/router';
import { HistoryPanel } from '../generation/HistoryPanel';
import { useGeneration } from '../generation/generation-store';
import { useLibrary } from './library-store';

/** Every canvas's runs, from the sidebar: History with where each run belongs. */
export function HistoryView() {
  const canvases = useLibrary((s) => s.canvases);
  const trash = useLibrary((s) => s.trash);
  const names = useMemo(
    () => Object.fromEntries([...canvases, ...trash].map((c) => [c.id, c.name])),
    [canvases, trash],
  );
  return (
    <section className="view view--history" aria-label="History">
      <div className="view__content view__content--history">
        <HistoryPanel
          canvasNames={names}
          onOpenNode={(canvasId, nodeId) => {
            useGeneration.getState().requestFocus(canvasId, nodeId);
            navigate({ screen: 'canvas', id: canvasId });
          }}
        />
      </div>
    </section>
  );
}
