import { navigate } from '../app/router';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { instantiateTemplate } from '../templates/instantiate';
import { BLANK_TEMPLATE_ID, type CanvasTemplate } from '../templates/templates';
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
    /**
     * A new canvas from a built-in template (new id, fresh times, the template's nodes and
     * edges), then opens it. Resolves false when it could not be made (the toast says why).
     */
    async createFromTemplate(template: CanvasTemplate): Promise<boolean> {
      try {
        const blank = template.id === BLANK_TEMPLATE_ID || template.nodes.length === 0;
        const created = await provider.createCanvas(
          nextUntitledName(library().canvases, blank ? undefined : template.name),
        );
        if (!blank) {
          try {
            await provider.saveCanvas(instantiateTemplate(template, created));
          } catch (raw) {
            // No half-made canvas left behind.
            await provider.purgeCanvas(created.id).catch(() => {});
            throw raw;
          }
        }
        await refresh();
        navigate({ screen: 'canvas', id: created.id });
        return true;
      } catch (raw) {
        fail(`Could not create “${template.name}”`)(raw);
        return false;
      }
    },
    /**
     * Copies a canvas and opens the copy. A read-only canvas (a Koda web showcase) gives an
     * ordinary, editable copy: the providers' duplicate keeps `readOnly`, so it is cleared with a
     * save of the copy.
     */
    async duplicateAndOpen(id: string): Promise<boolean> {
      try {
        const copy = await provider.duplicateCanvas(id);
        if (copy.readOnly) {
          const { readOnly: _readOnly, ...editable } = copy;
          await provider.saveCanvas(editable);
        }
        await refresh();
        navigate({ screen: 'canvas', id: copy.id });
        showToast({ message: `Duplicated as “${copy.name}” — this copy is yours to edit`, tone: 'success' });
        return true;
      } catch (raw) {
        fail('Could not duplicate')(raw);
        return false;
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
