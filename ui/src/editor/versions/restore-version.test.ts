import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VersionInfo } from '../../bindings/VersionInfo';
import { useToasts } from '../../components/toast-store';
import { useGeneration } from '../../generation/generation-store';
import { restoreFromVersion } from './restore-version';

const version: VersionInfo = {
  id: 4,
  canvasId: 'c',
  at: Date.now() - 60_000,
  source: 'edit',
  revision: 9,
  name: 'Board',
  nodeCount: 3,
};

function setup(restore = vi.fn(async () => 12)) {
  const order: string[] = [];
  const session = {
    flush: vi.fn(async () => void order.push('flush')),
    reloadAfter: vi.fn(async (write: () => Promise<number>) => {
      order.push('write');
      order.push(`reload ${await write()}`);
    }),
  };
  return { order, session, provider: { restoreVersion: restore } };
}

beforeEach(() => {
  useToasts.setState({ toasts: [] });
  useGeneration.setState({ focus: null });
});

describe('restoreFromVersion', () => {
  it('saves what is pending, restores one node, reloads quietly, selects it and says so', async () => {
    const { order, session, provider } = setup();
    const ok = await restoreFromVersion({
      provider,
      session,
      canvasId: 'c',
      version,
      node: { id: 'n1', label: 'Brief' },
    });
    expect(ok).toBe(true);
    expect(order).toEqual(['flush', 'write', 'reload 12']);
    expect(provider.restoreVersion).toHaveBeenCalledWith('c', 4, 'n1');
    expect(useGeneration.getState().focus).toEqual({ canvasId: 'c', nodeId: 'n1' });
    expect(useToasts.getState().toasts[0]).toMatchObject({
      tone: 'success',
      message: expect.stringContaining('Restored “Brief”'),
    });
  });

  it('restores the whole canvas without a node id', async () => {
    const { session, provider } = setup();
    await restoreFromVersion({ provider, session, canvasId: 'c', version });
    expect(provider.restoreVersion).toHaveBeenCalledWith('c', 4, undefined);
    expect(useToasts.getState().toasts[0].message).toMatch(/^Restored the version from today at/);
  });

  it('explains a version that is gone, and a save that failed first', async () => {
    const gone = setup(vi.fn(async () => Promise.reject({ code: 'not_found', message: 'x' })));
    expect(await restoreFromVersion({ ...gone, canvasId: 'c', version })).toBe(false);
    expect(useToasts.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      message: 'That version no longer exists.',
    });
    const stuck = setup();
    stuck.session.flush.mockRejectedValueOnce({ code: 'disk_full', message: 'full' });
    expect(await restoreFromVersion({ ...stuck, canvasId: 'c', version })).toBe(false);
    expect(stuck.provider.restoreVersion).not.toHaveBeenCalled();
    expect(useToasts.getState().toasts.at(-1)?.message).toContain('Not restored');
  });
});
