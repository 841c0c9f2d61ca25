import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  convertFileSrc: (path: string) => path,
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const { TauriProvider } = await import('./tauri-provider');

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(null);
});

describe('TauriProvider: version history and search', () => {
  it('calls search, list_versions, get_version and restore_version with camelCase arguments', async () => {
    const p = new TauriProvider();
    await p.search({ text: 'lighthouse', limit: 20, includeTrash: true });
    await p.listVersions('c1');
    await p.getVersion('c1', 7);
    await p.restoreVersion('c1', 7);
    await p.restoreVersion('c1', 7, 'n1');
    expect(invoke.mock.calls).toEqual([
      ['search', { query: { text: 'lighthouse', limit: 20, includeTrash: true } }],
      ['list_versions', { canvasId: 'c1' }],
      ['get_version', { canvasId: 'c1', versionId: 7 }],
      ['restore_version', { canvasId: 'c1', versionId: 7, nodeId: null }],
      ['restore_version', { canvasId: 'c1', versionId: 7, nodeId: 'n1' }],
    ]);
  });

  it('passes errors on as {code, message}', async () => {
    invoke.mockRejectedValueOnce({ code: 'not_found', message: 'no such version' });
    await expect(new TauriProvider().getVersion('c1', 1)).rejects.toEqual({
      code: 'not_found',
      message: 'no such version',
    });
    invoke.mockRejectedValueOnce('boom');
    await expect(new TauriProvider().restoreVersion('c1', 1)).rejects.toEqual({
      code: 'unknown',
      message: 'boom',
    });
  });
});
