import { navigate } from '../app/router';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { nextUntitledName } from './canvas-list';
import { useLibrary } from './library-store';

/** Dashboard actions: each talks to the backend, refreshes the lists and tells the person. */
export function canvasActions(provider: StorageProvider) {
  const library = useLibrary.getState;
  const refresh = () => library().refresh(provider);
  const fail = (what: string) => (raw: unknown) => {
    showToast({ message: `${what}: ${describeError(toErrorPayload(raw))}`, tone: 'error' });
    void refresh();
  };

  return {
    async create() {
      try {
        const canvas = await provider.createCanvas(nextUntitledName(library().canvases));
        await refresh();
        navigate({ screen: 'canvas', id: canvas.id });
      } catch (raw) {
        fail('Could not create a canvas')(raw);
      }
    },
    rename(id: string, name: string) {
      library().patchCanvas(id, { name, updatedAt: Date.now() });
      provider.renameCanvas(id, name).then(refresh, fail('Could not rename'));
    },
    duplicate(id: string) {
      provider
        .duplicateCanvas(id)
        .then(async (copy) => {
          await refresh();
          showToast({ message: `Duplicated as “${copy.name}”`, tone: 'success' });
        })
        .catch(fail('Could not duplicate'));
    },
    trash(id: string) {
      library().removeCanvas(id);
      provider
        .trashCanvas(id)
        .then(async () => {
          await refresh();
          showToast({
            message: 'Moved to trash',
            durationMs: 6000,
            action: {
              label: 'Undo',
              testId: 'toast-undo',
              onClick: () => provider.restoreCanvas(id).then(refresh, fail('Could not restore')),
            },
          });
        })
        .catch(fail('Could not move to trash'));
    },
    restore(id: string) {
      provider
        .restoreCanvas(id)
        .then(async () => {
          await refresh();
          showToast({ message: 'Canvas restored', tone: 'success' });
        })
        .catch(fail('Could not restore'));
    },
    purge(id: string) {
      provider
        .purgeCanvas(id)
        .then(async () => {
          await refresh();
          showToast({ message: 'Deleted forever' });
        })
        .catch(fail('Could not delete'));
    },
  };
}
