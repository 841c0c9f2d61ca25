import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CopyProgress } from '../bindings/CopyProgress';
import type { CopyReport } from '../bindings/CopyReport';
import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import type { DatabaseBackend } from './database-client';
import { useDatabase } from './database-store';

const sqlite: DatabaseStatus = { backend: 'sqlite', fromEnvironment: false, personId: 'p1' };
const report: CopyReport = {
  canvases: 3,
  skipped: 0,
  replaced: 0,
  nodes: 10,
  edges: 4,
  assets: 1,
  generations: 0,
  verified: true,
};

function fakeBackend() {
  let push: (progress: CopyProgress) => void = () => {};
  let finish: (value: CopyReport) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  let status = sqlite;
  const backend: DatabaseBackend & {
    push: (p: CopyProgress) => void;
    finish: (r: CopyReport) => void;
    fail: (e: unknown) => void;
  } = {
    status: vi.fn(async () => status),
    testPostgres: vi.fn(async (url: string) => {
      if (url.includes('wrong')) throw { code: 'access_denied', message: 'password authentication failed' };
      return { serverVersion: 'PostgreSQL 16', schemaVersion: 0, canvases: 0, tls: true };
    }),
    moveToPostgres: vi.fn(
      () =>
        new Promise<CopyReport>((resolve, reject) => {
          finish = (r) => {
            status = { ...sqlite, displayUrl: 'postgres://koda:***@db.example.com/koda' };
            resolve(r);
          };
          fail = reject;
        }),
    ),
    moveToSqlite: vi.fn(async () => report),
    onProgress: vi.fn((callback: (progress: CopyProgress) => void) => {
      push = callback;
      return () => (push = () => {});
    }),
    restart: vi.fn(async () => {}),
    push: (p) => push(p),
    finish: (r) => finish(r),
    fail: (e) => fail(e),
  };
  return backend;
}

afterEach(() =>
  useDatabase.setState({ backend: null, status: null, statusError: null, move: { state: 'idle' } }),
);

describe('database store', () => {
  it('reads the status when started and forgets it when stopped', async () => {
    const backend = fakeBackend();
    const stop = useDatabase.getState().start(backend);
    await vi.waitFor(() => expect(useDatabase.getState().status).toEqual(sqlite));
    stop();
    expect(useDatabase.getState().status).toBeNull();
    expect(useDatabase.getState().backend).toBeNull();
  });

  it('keeps why the status could not be read', async () => {
    const backend = fakeBackend();
    vi.mocked(backend.status).mockRejectedValueOnce({
      code: 'config',
      message: 'configuration error: the sealed URL cannot be opened',
    });
    useDatabase.getState().start(backend);
    await vi.waitFor(() =>
      expect(useDatabase.getState().statusError).toBe('The sealed URL cannot be opened'),
    );
  });

  it('follows progress only while moving, then keeps the report and the new server', async () => {
    const backend = fakeBackend();
    useDatabase.getState().start(backend);
    backend.push({ phase: 'canvases', done: 1, total: 3, canvasName: 'Stray' });
    expect(useDatabase.getState().move).toEqual({ state: 'idle' });

    const moving = useDatabase.getState().moveToPostgres('postgres://koda:pw@db.example.com/koda', null);
    expect(backend.moveToPostgres).toHaveBeenCalledWith('postgres://koda:pw@db.example.com/koda', null);
    expect(useDatabase.getState().move).toEqual({ state: 'moving', to: 'postgres', progress: null });
    backend.push({ phase: 'canvases', done: 1, total: 3, canvasName: 'Storyboard' });
    expect(useDatabase.getState().move).toMatchObject({
      state: 'moving',
      progress: { phase: 'canvases', done: 1, canvasName: 'Storyboard' },
    });
    // A second move while one runs does nothing.
    await expect(useDatabase.getState().moveToSqlite()).resolves.toBeNull();
    expect(backend.moveToSqlite).not.toHaveBeenCalled();

    backend.finish(report);
    await expect(moving).resolves.toBe(report);
    expect(useDatabase.getState().move).toEqual({ state: 'moved', to: 'postgres', report });
    await vi.waitFor(() =>
      expect(useDatabase.getState().status?.displayUrl).toBe('postgres://koda:***@db.example.com/koda'),
    );
    // Late events after the move change nothing.
    backend.push({ phase: 'verifying', done: 2, total: 3 });
    expect(useDatabase.getState().move.state).toBe('moved');
  });

  it('words a failed move and lets it be dismissed', async () => {
    const backend = fakeBackend();
    useDatabase.getState().start(backend);
    const moving = useDatabase.getState().moveToPostgres('postgres://x', 'team');
    backend.fail({ code: 'unreachable', message: 'the database server cannot be reached: timed out' });
    await expect(moving).resolves.toBeNull();
    expect(useDatabase.getState().move).toEqual({
      state: 'failed',
      to: 'postgres',
      code: 'unreachable',
      message:
        'Can’t reach the server — check the host and port, and that this computer can connect to it. (Timed out)',
    });
    useDatabase.getState().dismissFailure();
    expect(useDatabase.getState().move).toEqual({ state: 'idle' });
  });

  it('tests, moves back and restarts through the app', async () => {
    const backend = fakeBackend();
    useDatabase.getState().start(backend);
    await expect(useDatabase.getState().testPostgres('postgres://ok', null)).resolves.toMatchObject({
      tls: true,
    });
    await expect(useDatabase.getState().testPostgres('postgres://wrong', null)).rejects.toEqual({
      code: 'access_denied',
      message: 'password authentication failed',
    });
    await expect(useDatabase.getState().moveToSqlite()).resolves.toBe(report);
    expect(useDatabase.getState().move).toMatchObject({ state: 'moved', to: 'sqlite' });
    await useDatabase.getState().restart();
    expect(backend.restart).toHaveBeenCalled();
  });

  it('refuses to act without the desktop app', async () => {
    await expect(useDatabase.getState().testPostgres('postgres://x', null)).rejects.toMatchObject({
      code: 'config',
    });
    await expect(useDatabase.getState().moveToSqlite()).resolves.toBeNull();
    expect(useDatabase.getState().move).toMatchObject({ state: 'failed', code: 'config' });
  });
});
