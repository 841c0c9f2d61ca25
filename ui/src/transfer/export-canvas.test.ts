import { describe, expect, it, vi } from 'vitest';
import type { StorageProvider } from '../storage/types';
import { exportCanvas, exportFileName, pictureSize } from './export-canvas';
import { exportMenuItems } from './export-menu-items';

describe('export', () => {
  it('makes safe file names', () => {
    expect(exportFileName('Key art: v2/final?', 'png')).toBe('Key art_ v2_final_.png');
    expect(exportFileName('   ', 'koda')).toBe('canvas.koda');
  });

  it('sizes pictures 1920 px wide in the view’s shape', () => {
    expect(pictureSize({ x: 0, y: 0, width: 1280, height: 720 })).toEqual({ width: 1920, height: 1080 });
    expect(pictureSize({ x: 0, y: 0, width: 100, height: 10_000 })).toEqual({ width: 1920, height: 3840 });
    expect(pictureSize(null)).toEqual({ width: 1920, height: 1080 });
  });

  it('asks the desktop app to write .koda, .canvas and JSON where the person chose', async () => {
    const provider = {
      exportCanvas: vi.fn(async (id: string, format: string) => ({
        path: `/home/me/Downloads/${id}.${format}`,
      })),
    } as unknown as StorageProvider;
    expect(await exportCanvas(provider, { id: 'c1', name: 'Moodboard' }, 'koda')).toEqual({
      message: 'Saved to /home/me/Downloads/c1.koda',
    });
    expect(provider.exportCanvas).toHaveBeenCalledWith('c1', 'koda');
  });

  it('has nothing to say when the Save dialog is cancelled', async () => {
    const provider = { exportCanvas: vi.fn(async () => ({ path: null })) } as unknown as StorageProvider;
    expect(await exportCanvas(provider, { id: 'c1', name: 'Moodboard' }, 'canvas')).toEqual({
      message: null,
    });
  });

  it('refuses to draw an empty canvas', async () => {
    const provider = {
      getCanvas: async () => ({
        id: 'c',
        name: 'Empty',
        nodes: [],
        edges: [],
        createdAt: 0,
        updatedAt: 0,
        revision: 1,
      }),
    } as unknown as StorageProvider;
    await expect(exportCanvas(provider, { id: 'c', name: 'Empty' }, 'png')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('offers every format on desktop and what the browser can make itself', () => {
    const onExport = vi.fn();
    expect(exportMenuItems(true, onExport).map((i) => i.testId)).toEqual([
      'export-koda',
      'export-canvas',
      'export-png',
      'export-json',
    ]);
    const browser = exportMenuItems(false, onExport, { view: true });
    expect(browser.map((i) => i.label)).toEqual(['PNG of the view', 'JSON (.json)']);
    browser[0].onSelect?.();
    expect(onExport).toHaveBeenCalledWith('png');
  });
});
