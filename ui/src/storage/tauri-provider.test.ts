import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listeners: Record<string, (event: { payload: unknown }) => void> = {};
const unlisten = vi.fn();

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  convertFileSrc: (path: string, protocol: string) => `${protocol}://localhost/${encodeURIComponent(path)}`,
}));
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    listeners[name] = handler;
    return unlisten;
  },
}));

const { TauriProvider, CHANGE_EVENT } = await import('./tauri-provider');

const empty = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(undefined);
});

describe('TauriProvider', () => {
  it('calls the Rust commands by name with camelCase arguments', async () => {
    const p = new TauriProvider();
    await p.listCanvases();
    await p.listTrash();
    await p.getCanvas('c');
    await p.createCanvas('New');
    await p.applyPatch('c', 4, empty);
    await p.renameCanvas('c', 'N');
    await p.duplicateCanvas('c');
    await p.trashCanvas('c');
    await p.restoreCanvas('c');
    await p.purgeCanvas('c');
    await p.setThumbnail('c', null);
    await p.getSettings();
    await p.storageInfo();
    await p.exportAll();
    await p.openDataFolder();
    expect(invoke.mock.calls).toEqual([
      ['list_canvases', undefined],
      ['list_trash', undefined],
      ['get_canvas', { id: 'c' }],
      ['create_canvas', { name: 'New' }],
      ['apply_patch', { id: 'c', baseRevision: 4, patch: empty }],
      ['rename_canvas', { id: 'c', name: 'N' }],
      ['duplicate_canvas', { id: 'c', name: null }],
      ['trash_canvas', { id: 'c' }],
      ['restore_canvas', { id: 'c' }],
      ['purge_canvas', { id: 'c' }],
      ['set_thumbnail', { id: 'c', thumbnail: null }],
      ['get_settings', undefined],
      ['storage_info', undefined],
      ['export_all', undefined],
      ['open_data_folder', undefined],
    ]);
  });

  it('sends asset bytes as the raw body with percent-encoded headers', async () => {
    const p = new TauriProvider();
    const bytes = new Uint8Array([1, 2, 3]);
    await p.addAsset(bytes, { filename: 'mood board é.png', canvasId: 'c1' });
    expect(invoke).toHaveBeenCalledWith('add_asset', bytes, {
      headers: { 'x-koda-filename': 'mood%20board%20%C3%A9.png', 'x-koda-canvas': 'c1' },
    });
  });

  it('sends a thumbnail PNG to set_canvas_thumbnail and returns the asset reference', async () => {
    const p = new TauriProvider();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    invoke.mockResolvedValueOnce(`koda-asset://${'a'.repeat(64)}`);
    await expect(p.setThumbnailImage('c1', png)).resolves.toBe(`koda-asset://${'a'.repeat(64)}`);
    expect(invoke).toHaveBeenCalledWith('set_canvas_thumbnail', png, { headers: { 'x-koda-canvas': 'c1' } });
    invoke.mockRejectedValueOnce({ code: 'not_found', message: 'no canvas' });
    await expect(p.setThumbnailImage('gone', png)).rejects.toEqual({
      code: 'not_found',
      message: 'no canvas',
    });
  });

  it('imports, exports and backs up through the desktop commands', async () => {
    const p = new TauriProvider();
    const bytes = new Uint8Array([0x7b, 0x7d]);
    await p.importFile(bytes, 'spaces canvases.json');
    await p.exportCanvas('c1', 'koda');
    const png = new Uint8Array([0x89, 0x50]);
    await p.saveExport(png, 'Moodboard.png');
    await p.backupNow();
    await p.listBackups();
    await p.restoreBackup('koda-2025-01-10.db');
    await p.restartApp();
    expect(invoke.mock.calls).toEqual([
      ['import_file', bytes, { headers: { 'x-koda-filename': 'spaces%20canvases.json' } }],
      ['export_canvas', { id: 'c1', format: 'koda' }, undefined],
      ['save_export', png, { headers: { 'x-koda-filename': 'Moodboard.png' } }],
      ['backup_now', undefined, undefined],
      ['list_backups', undefined, undefined],
      ['restore_backup', { name: 'koda-2025-01-10.db' }, undefined],
      ['restart_app', undefined, undefined],
    ]);
    invoke.mockRejectedValueOnce({ code: 'invalid_input', message: 'line 3, column 7: expected a string' });
    await expect(p.importFile(bytes, 'bad.json')).rejects.toEqual({
      code: 'invalid_input',
      message: 'line 3, column 7: expected a string',
    });
  });

  it('mirrors remote media through mirror_remote_media and shows it over koda://', async () => {
    const p = new TauriProvider();
    const sha = 'b'.repeat(64);
    invoke.mockResolvedValueOnce({ sha256: sha, kind: 'video', mimeType: 'video/mp4', downloaded: true });
    await expect(
      p.showRemoteMedia('https://cdn.test/clip.mp4', { canvasId: 'c1', nodeId: 'n1' }),
    ).resolves.toEqual({
      url: `koda://localhost/${encodeURIComponent(`asset/${sha}`)}`,
      kind: 'video',
      mimeType: 'video/mp4',
      sha256: sha,
    });
    expect(invoke).toHaveBeenCalledWith('mirror_remote_media', {
      url: 'https://cdn.test/clip.mp4',
      canvasId: 'c1',
      nodeId: 'n1',
    });
    invoke.mockRejectedValueOnce({
      code: 'invalid_input',
      message: 'https://cdn.test/page is a web page (text/html), not media',
    });
    await expect(p.showRemoteMedia('https://cdn.test/page', {})).rejects.toEqual({
      code: 'invalid_input',
      message: 'https://cdn.test/page is a web page (text/html), not media',
    });
    expect(invoke).toHaveBeenLastCalledWith('mirror_remote_media', {
      url: 'https://cdn.test/page',
      canvasId: null,
      nodeId: null,
    });
  });

  it('imports canvases of the old desktop model in Koda web’s', async () => {
    const p = new TauriProvider();
    const old = {
      id: 'c',
      name: 'Old',
      createdAt: 1,
      updatedAt: 1,
      revision: 0,
      nodes: [{ id: 'g', type: 'group', position: { x: 0, y: 0 }, data: { label: 'Refs' } }],
      edges: [],
    };
    await p.importCanvases([old]);
    expect(invoke).toHaveBeenCalledWith('import_canvases', {
      canvases: [{ ...old, nodes: [{ ...old.nodes[0], data: { name: 'Refs' } }] }],
    });
  });

  it('turns any rejection into {code, message}', async () => {
    const p = new TauriProvider();
    invoke.mockRejectedValueOnce({ code: 'conflict', message: 'stale' });
    await expect(p.applyPatch('c', 1, empty)).rejects.toEqual({ code: 'conflict', message: 'stale' });
    invoke.mockRejectedValueOnce('command apply_patch not found');
    await expect(p.applyPatch('c', 1, empty)).rejects.toEqual({
      code: 'unknown',
      message: 'command apply_patch not found',
    });
  });

  it('forwards koda://changed payloads and unsubscribes', async () => {
    const p = new TauriProvider();
    const seen: unknown[] = [];
    const stop = p.onChange((e) => seen.push(e));
    await Promise.resolve();
    await Promise.resolve();
    listeners[CHANGE_EVENT]({ payload: { seq: 1, kind: 'patched', canvasId: 'c', revision: 2, at: 0 } });
    expect(seen).toEqual([{ seq: 1, kind: 'patched', canvasId: 'c', revision: 2, at: 0 }]);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
