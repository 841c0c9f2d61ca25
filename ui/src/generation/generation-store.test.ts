import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GenerationRecord } from '../bindings/GenerationRecord';
import type { GenerationBackend } from './generation-client';
import { latestRunOf, nodeKey, useGeneration } from './generation-store';
import { run } from './test-runs.test-util';

function fakeBackend(overrides: Partial<GenerationBackend> = {}) {
  let push: (record: GenerationRecord) => void = () => {};
  const backend: GenerationBackend = {
    estimate: vi.fn(async () => ({
      model: 'flux-pro',
      modelLabel: 'Flux Pro',
      endpoint: 'fal-ai/flux-pro/v1.1',
      costUsd: 0.04,
      prompt: 'x',
    })),
    start: vi.fn(async (canvasId: string, nodeId: string) =>
      run('new', { canvasId, nodeId, status: 'pending', sent: false, createdAt: Date.now() }),
    ),
    plan: vi.fn(async () => ({ runs: [], skipped: [], totalCostUsd: 0 })),
    runAll: vi.fn(async () => ({ runs: [], skipped: [], totalCostUsd: 0 })),
    cancel: vi.fn(async (id: string) => run(id, { status: 'canceled' })),
    retry: vi.fn(async () => run('again', { status: 'pending', createdAt: Date.now() })),
    list: vi.fn(async () => [run('old', { createdAt: 1 }), run('older', { createdAt: 0 })]),
    spend: vi.fn(async () => ({ thisMonthUsd: 0.5, waiting: [] })),
    listAssets: vi.fn(async () => []),
    listKeys: vi.fn(async () => []),
    setKey: vi.fn(async () => 'keychain' as const),
    removeKey: vi.fn(async () => {}),
    testKey: vi.fn(async () => {}),
    saveAsset: vi.fn(async () => ({ path: '/tmp/x.png' })),
    enhancePrompt: vi.fn(async (text: string) => ({ suggestion: `Enhanced: ${text}` })),
    onRun: (callback) => {
      push = callback;
      return () => {};
    },
    ...overrides,
  };
  const stop = useGeneration.getState().start(backend);
  return { backend, push: (r: GenerationRecord) => push(r), stop };
}

let stopping: (() => void) | null = null;
afterEach(() => {
  stopping?.();
  stopping = null;
});

const state = () => useGeneration.getState();
const save = () => Promise.resolve();

describe('generation store', () => {
  it('follows runs from the list and from events; the newest run is the node’s', async () => {
    const { push, stop } = fakeBackend();
    stopping = stop;
    await state().loadRuns('c1');
    expect(latestRunOf(state(), 'c1', 'n1')?.id).toBe('old');
    push(run('live', { status: 'processing', createdAt: 5 }));
    expect(latestRunOf(state(), 'c1', 'n1')?.status).toBe('processing');
    // An older row arriving late does not take over.
    push(run('older', { status: 'failed', createdAt: 0 }));
    expect(latestRunOf(state(), 'c1', 'n1')?.id).toBe('live');
    expect(state().listed.c1).toBe('ready');
  });

  it('notices a run that went back to waiting for the network, until it leaves', () => {
    const { push, stop } = fakeBackend();
    stopping = stop;
    const base = run('r', { status: 'pending', sent: false, createdAt: 1 });
    push(base);
    push({ ...base, run: { ...base.run!, sendingAt: 5, attempts: 1 } });
    expect(state().offline.r).toBeUndefined();
    push({ ...base, run: { ...base.run!, attempts: 0 } });
    expect(state().offline.r).toBe(true);
    // Trying again does not make it look like it is sending.
    push({ ...base, run: { ...base.run!, sendingAt: 9, attempts: 1 } });
    expect(state().offline.r).toBe(true);
    push({ ...base, status: 'submitted', run: { ...base.run!, requestId: 'q', attempts: 1 } });
    expect(state().offline.r).toBeUndefined();
  });

  it('saves before starting, and keeps a refusal on the node until its next run', async () => {
    const order: string[] = [];
    const start = vi.fn(async () => {
      order.push('start');
      throw { code: 'budget_reached', message: 'this run (~$0.15) would pass your monthly cap of $1.00' };
    });
    const { push, stop } = fakeBackend({ start });
    stopping = stop;
    const result = await state().generate('c1', 'n1', async () => void order.push('save'));
    expect(order).toEqual(['save', 'start']);
    expect(result).toMatchObject({ code: 'budget_reached' });
    expect(state().refused[nodeKey('c1', 'n1')]?.error.code).toBe('budget_reached');
    expect(state().starting[nodeKey('c1', 'n1')]).toBeUndefined();
    push(run('later', { status: 'pending', createdAt: Date.now() + 1000 }));
    expect(state().refused[nodeKey('c1', 'n1')]).toBeUndefined();
  });

  it('keeps a run refused at once failed when the start command answers "pending" after the event', async () => {
    let answer: (record: GenerationRecord) => void = () => {};
    const start = vi.fn(() => new Promise<GenerationRecord>((resolve) => (answer = resolve)));
    const { push, stop } = fakeBackend({ start });
    stopping = stop;
    const pending = run('quick', {
      canvasId: 'c1',
      nodeId: 'n1',
      status: 'pending',
      sent: false,
      createdAt: 7,
    });
    const generating = state().generate('c1', 'n1', save);
    await Promise.resolve();
    push({ ...pending, status: 'failed', errorMessage: 'The prompt was flagged' });
    answer(pending);
    await generating;
    expect(latestRunOf(state(), 'c1', 'n1')).toMatchObject({ id: 'quick', status: 'failed' });
  });

  it('starts a run and shows it at once', async () => {
    const { backend, stop } = fakeBackend();
    stopping = stop;
    const result = await state().generate('c1', 'n9', save);
    expect(backend.start).toHaveBeenCalledWith('c1', 'n9');
    expect((result as GenerationRecord).id).toBe('new');
    expect(latestRunOf(state(), 'c1', 'n9')?.status).toBe('pending');
  });

  it('asks for an estimate once per key, saving first, and drops stale answers', async () => {
    const { backend, stop } = fakeBackend();
    stopping = stop;
    const saves = vi.fn(save);
    await state().estimate('c1', 'n1', 'k1', saves);
    await state().estimate('c1', 'n1', 'k1', saves);
    expect(backend.estimate).toHaveBeenCalledTimes(1);
    expect(saves).toHaveBeenCalledTimes(1);
    expect(state().estimates[nodeKey('c1', 'n1')]).toMatchObject({
      key: 'k1',
      status: 'ready',
      estimate: { costUsd: 0.04 },
    });
    // Two asks in a row: only the newest is answered.
    const first = state().estimate('c1', 'n1', 'k2', save);
    const second = state().estimate('c1', 'n1', 'k3', save);
    await Promise.all([first, second]);
    expect(state().estimates[nodeKey('c1', 'n1')].key).toBe('k3');
  });

  it('keeps an estimate error (a node that cannot run) and asks again on the next change', async () => {
    const estimate = vi.fn(async () => {
      throw { code: 'invalid_input', message: 'invalid input at prompt: the node has no prompt' };
    });
    const { stop } = fakeBackend({ estimate });
    stopping = stop;
    await state().estimate('c1', 'n1', 'empty', save);
    expect(state().estimates[nodeKey('c1', 'n1')]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_input' },
    });
    await state().estimate('c1', 'n1', 'empty', save);
    expect(estimate).toHaveBeenCalledTimes(2);
  });

  it('retries and cancels; a refused retry is kept on the run’s node', async () => {
    const { backend, push, stop } = fakeBackend();
    stopping = stop;
    push(run('f', { status: 'failed', nodeId: 'n2', createdAt: 1 }));
    await state().retry('f');
    expect(backend.retry).toHaveBeenCalledWith('f');
    expect(state().runs.again.status).toBe('pending');
    expect(await state().cancel('again')).toBeNull();
    expect(state().runs.again.status).toBe('canceled');
    (backend.retry as ReturnType<typeof vi.fn>).mockRejectedValueOnce({
      code: 'budget_reached',
      message: 'cap',
    });
    await state().retry('f');
    expect(state().refused[nodeKey('c1', 'n2')]?.error.code).toBe('budget_reached');
  });

  it('asks the app to enhance words, passing its refusal on as {code, message}', async () => {
    const { backend, stop } = fakeBackend();
    stopping = stop;
    expect(await state().enhancePrompt('a lighthouse', 'image')).toBe('Enhanced: a lighthouse');
    expect(backend.enhancePrompt).toHaveBeenCalledWith('a lighthouse', 'image');
    (backend.enhancePrompt as ReturnType<typeof vi.fn>).mockRejectedValueOnce({
      code: 'invalid_input',
      message: 'empty',
      extra: 1,
    });
    await expect(state().enhancePrompt('', 'text')).rejects.toEqual({
      code: 'invalid_input',
      message: 'empty',
    });
  });

  it('reads the spend (queue places) during a steady stream of run events, not only after it', async () => {
    vi.useFakeTimers();
    try {
      const { backend, push, stop } = fakeBackend();
      stopping = stop;
      const before = (backend.spend as ReturnType<typeof vi.fn>).mock.calls.length;
      for (let i = 0; i < 10; i++) {
        push(run('live', { status: 'submitted', createdAt: 5 }));
        await vi.advanceTimersByTimeAsync(100);
      }
      expect((backend.spend as ReturnType<typeof vi.fn>).mock.calls.length - before).toBeGreaterThanOrEqual(
        4,
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('does nothing without the desktop app', async () => {
    await expect(state().enhancePrompt('words', 'music')).rejects.toMatchObject({ code: 'config' });
    expect(await state().generate('c1', 'n1', save)).toMatchObject({
      message: 'Generating needs the Koda desktop app.',
    });
    await state().loadRuns();
    expect(state().runs).toEqual({});
  });
});
