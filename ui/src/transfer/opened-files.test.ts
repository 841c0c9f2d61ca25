import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpenedFile } from '../bindings/OpenedFile';
import type { OpenedFiles } from '../bindings/OpenedFiles';
import { MAX_TOASTS, useToasts } from '../components/toast-store';
import { UNTIL_DISMISSED } from '../recovery/recovery-notice';
import type { StorageProvider } from '../storage/types';
import { basename, failureMessage, openedFileFailure, planOpenedFiles } from './opened-files';
import { showOpenedFiles, watchOpenedFiles, type OpenedFilesBackend } from './opened-files-client';

const imported = (path: string, names: string[], assets = 0): OpenedFile => ({
  path,
  result: {
    format: 'KodaBundle',
    canvases: names.map((name, i) => ({ id: `${basename(path)}-${i}`, name, nodeCount: 3 })),
    assets,
  },
  error: null,
});
const failed = (path: string, code: string, message: string): OpenedFile => ({
  path,
  result: null,
  error: { code, message },
});
const batch = (...files: OpenedFile[]): OpenedFiles => ({ files });

afterEach(() => {
  useToasts.setState({ toasts: [] });
  window.location.hash = '';
});

describe('basename', () => {
  it('takes the name off either kind of path', () => {
    expect(basename('/home/you/Pictures/harbour.koda')).toBe('harbour.koda');
    expect(basename('C:\\Users\\you\\Desktop\\board.canvas')).toBe('board.canvas');
    expect(basename('plain.canvas')).toBe('plain.canvas');
    expect(basename('/tmp/dir/')).toBe('dir');
  });
});

const failureOf = (file: OpenedFile) => {
  const failure = openedFileFailure(file);
  return failure && failureMessage(failure);
};

describe('openedFileFailure', () => {
  it('names the file and gives the reason without the path in front', () => {
    expect(
      failureOf(
        failed(
          '/home/you/Downloads/bad.canvas',
          'invalid_input',
          '/home/you/Downloads/bad.canvas: $.nodes[2].x: expected a number',
        ),
      ),
    ).toBe('Couldn’t import “bad.canvas”: $.nodes[2].x: expected a number');
  });

  it('keeps a reason that does not start with the file', () => {
    expect(failureOf(failed('/x/big.koda', 'disk_full', 'the disk is full'))).toBe(
      'Couldn’t import “big.koda”: the disk is full',
    );
  });

  it('counts a file that brought no canvas, or no answer, as failed', () => {
    expect(failureOf(imported('/x/empty.canvas', []))).toBe(
      'Couldn’t import “empty.canvas”: it holds no canvas',
    );
    expect(failureOf({ path: '/x/odd.koda', result: null, error: null })).toBe(
      'Couldn’t import “odd.koda”: Koda gave no reason',
    );
  });

  it('is null for a file that brought canvases', () => {
    expect(openedFileFailure(imported('/x/a.koda', ['A']))).toBeNull();
  });
});

describe('planOpenedFiles', () => {
  it('opens the one canvas when nothing failed', () => {
    expect(planOpenedFiles([batch(imported('/x/harbour.koda', ['Harbour']))])).toEqual({
      kind: 'open',
      canvasId: 'harbour.koda-0',
    });
  });

  it('does nothing for no files', () => {
    expect(planOpenedFiles([])).toEqual({ kind: 'nothing' });
    expect(planOpenedFiles([batch()])).toEqual({ kind: 'nothing' });
  });

  it('sums up several canvases from several files', () => {
    const plan = planOpenedFiles([batch(imported('/x/a.koda', ['A', 'B']), imported('/x/b.canvas', ['C']))]);
    expect(plan).toEqual({
      kind: 'dashboard',
      notices: [{ message: 'Imported 3 canvases from 2 files', tone: 'success', durationMs: 6000 }],
    });
  });

  it('names the one file and counts media', () => {
    const plan = planOpenedFiles([batch(imported('/x/project.koda', ['A', 'B'], 4))]);
    expect(plan.kind === 'dashboard' && plan.notices[0].message).toBe(
      'Imported 2 canvases with 4 media files from “project.koda”',
    );
  });

  it('shows the dashboard when one canvas came in but another file failed, with an error naming it', () => {
    const plan = planOpenedFiles([
      batch(
        imported('/x/harbour.koda', ['Harbour'], 1),
        failed('/x/broken.canvas', 'invalid_input', '/x/broken.canvas: line 1, column 2: expected value'),
      ),
    ]);
    expect(plan).toEqual({
      kind: 'dashboard',
      notices: [
        {
          message: 'Imported “Harbour” with 1 media file from “harbour.koda” — 1 file not imported',
          tone: 'info',
          durationMs: 6000,
        },
        {
          message: 'Couldn’t import “broken.canvas”: line 1, column 2: expected value',
          tone: 'error',
          durationMs: UNTIL_DISMISSED,
        },
      ],
    });
  });

  it('shows only the errors when nothing came in', () => {
    const plan = planOpenedFiles([
      batch(failed('/x/a.koda', 'damaged_file', 'not a zip'), imported('/x/b.canvas', [])),
    ]);
    expect(plan.kind === 'dashboard' && plan.notices.map((n) => [n.tone, n.message])).toEqual([
      ['error', 'Couldn’t import “a.koda”: not a zip'],
      ['error', 'Couldn’t import “b.canvas”: it holds no canvas'],
    ]);
  });

  it('never shows more toasts than fit, folding the last failures into one', () => {
    const plan = planOpenedFiles([
      batch(
        imported('/x/good.koda', ['A', 'B']),
        failed('/x/1.canvas', 'invalid_input', 'one'),
        failed('/x/2.canvas', 'invalid_input', 'two'),
        failed('/x/3.canvas', 'invalid_input', 'three'),
      ),
    ]);
    if (plan.kind !== 'dashboard') throw new Error(plan.kind);
    expect(plan.notices).toHaveLength(MAX_TOASTS);
    expect(plan.notices.map((n) => n.message)).toEqual([
      'Imported 2 canvases from “good.koda” — 3 files not imported',
      'Couldn’t import “1.canvas”: one',
      'Couldn’t import 2 more files: “2.canvas”: two; “3.canvas”: three',
    ]);
  });

  it('takes several batches together', () => {
    const plan = planOpenedFiles([batch(imported('/x/a.koda', ['A'])), batch(imported('/x/b.koda', ['B']))]);
    expect(plan.kind === 'dashboard' && plan.notices[0].message).toBe('Imported 2 canvases from 2 files');
  });
});

describe('showOpenedFiles', () => {
  const provider = {
    listCanvases: vi.fn(async () => []),
    listTrash: vi.fn(async () => []),
  } as unknown as StorageProvider;

  it('opens the one canvas', () => {
    window.location.hash = '#/trash';
    showOpenedFiles([batch(imported('/x/harbour.koda', ['Harbour']))], provider);
    expect(window.location.hash).toBe('#/canvas/harbour.koda-0');
    expect(useToasts.getState().toasts).toEqual([]);
  });

  it('goes to the canvases with the toasts, refreshing the list', () => {
    window.location.hash = '#/canvas/other';
    showOpenedFiles(
      [batch(imported('/x/a.koda', ['A', 'B']), failed('/x/bad.koda', 'invalid_input', 'nope'))],
      provider,
    );
    expect(window.location.hash).toBe('#/');
    expect(provider.listCanvases).toHaveBeenCalled();
    expect(useToasts.getState().toasts.map((t) => [t.tone, t.message])).toEqual([
      ['info', 'Imported 2 canvases from “a.koda” — 1 file not imported'],
      ['error', 'Couldn’t import “bad.koda”: nope'],
    ]);
  });
});

describe('watchOpenedFiles', () => {
  /** A stand-in app: batches wait in `pending` until taken; `announce` is the event. */
  function fakeBackend() {
    let pending: OpenedFiles[] = [];
    let listener: ((files: OpenedFiles) => void) | null = null;
    const unlisten = vi.fn();
    const backend: OpenedFilesBackend = {
      take: vi.fn(async () => {
        const taken = pending;
        pending = [];
        return taken;
      }),
      onOpened: vi.fn(async (callback) => {
        listener = callback;
        return unlisten;
      }),
    };
    const open = (files: OpenedFiles) => {
      pending.push(files);
      listener?.(files);
    };
    return { backend, open, unlisten };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('takes what was opened before it listened, once', async () => {
    const { backend, open } = fakeBackend();
    const atLaunch = batch(imported('/x/a.koda', ['A']));
    open(atLaunch);
    const handle = vi.fn();
    watchOpenedFiles(backend, handle);
    await settle();
    expect(handle.mock.calls).toEqual([[[atLaunch]]]);
  });

  it('shows each later batch exactly once, also when the start-up take already had it', async () => {
    const { backend, open } = fakeBackend();
    const handle = vi.fn();
    watchOpenedFiles(backend, handle);
    await settle();
    expect(handle).not.toHaveBeenCalled();
    const handedOver = batch(imported('/x/b.koda', ['B']));
    open(handedOver);
    await settle();
    expect(handle.mock.calls).toEqual([[[handedOver]]]);
    // Nothing is left to come back (a reload takes nothing).
    expect(await backend.take()).toEqual([]);
  });

  it('uses the announced batch when taking fails', async () => {
    const { backend, open } = fakeBackend();
    const handle = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    watchOpenedFiles(backend, handle);
    await settle();
    backend.take = vi.fn(async () => {
      throw { code: 'io', message: 'broken' };
    });
    const files = batch(imported('/x/c.koda', ['C']));
    open(files);
    await settle();
    expect(handle.mock.calls).toEqual([[[files]]]);
  });

  it('stops listening, and takes nothing if stopped before it listened', async () => {
    const { backend, unlisten } = fakeBackend();
    const stop = watchOpenedFiles(backend, vi.fn());
    stop();
    await settle();
    expect(unlisten).toHaveBeenCalledTimes(1);
    expect(backend.take).not.toHaveBeenCalled();
  });
});
