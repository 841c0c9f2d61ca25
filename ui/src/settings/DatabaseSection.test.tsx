import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CopyProgress } from '../bindings/CopyProgress';
import type { CopyReport } from '../bindings/CopyReport';
import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import type { PostgresCheck } from '../bindings/PostgresCheck';
import type { DatabaseBackend } from '../database/database-client';
import { useDatabase } from '../database/database-store';
import { useSync } from '../sync/sync-store';
import { CloudSyncSection } from './CloudSyncSection';
import { DatabaseSection } from './DatabaseSection';

const URL = 'postgres://koda:hunter2@db.example.com:5432/koda?sslmode=require';
const shown = 'postgres://koda:***@db.example.com:5432/koda?sslmode=require';
const sqlite: DatabaseStatus = { backend: 'sqlite', fromEnvironment: false, personId: 'p-123' };
const postgres: DatabaseStatus = {
  backend: 'postgres',
  fromEnvironment: false,
  displayUrl: shown,
  schema: 'team',
  personId: 'p-123',
};
const report: CopyReport = {
  canvases: 3,
  skipped: 1,
  replaced: 0,
  nodes: 40,
  edges: 12,
  assets: 2,
  generations: 1,
  verified: true,
};

function setup(status: DatabaseStatus, check: Partial<PostgresCheck> = {}) {
  let push: (p: CopyProgress) => void = () => {};
  let finish: () => void = () => {};
  let current = status;
  const backend: DatabaseBackend = {
    status: vi.fn(async () => current),
    testPostgres: vi.fn(async () => ({
      serverVersion: 'PostgreSQL 16.4',
      schemaVersion: 3,
      canvases: 2,
      tls: true,
      ...check,
    })),
    moveToPostgres: vi.fn(
      () =>
        new Promise<CopyReport>((resolve) => {
          finish = () => {
            current = { ...status, displayUrl: shown };
            resolve(report);
          };
        }),
    ),
    moveToSqlite: vi.fn(async () => report),
    onProgress: (callback) => {
      push = callback;
      return () => {};
    },
    restart: vi.fn(async () => {}),
  };
  useDatabase.getState().start(backend);
  return { backend, push: (p: CopyProgress) => act(() => push(p)), finish: () => act(async () => finish()) };
}

const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

afterEach(() => {
  cleanup();
  useDatabase.setState({ backend: null, status: null, statusError: null, move: { state: 'idle' } });
  useSync.setState({ backend: null, status: null });
});

describe('Settings → Database', () => {
  it('tests first, then moves with a progress bar, then shows the report and Restart', async () => {
    const { backend, push, finish } = setup(sqlite);
    const { container } = render(<DatabaseSection />);
    await screen.findByText('SQLite file on this computer');
    expect(button('database-test').disabled).toBe(true);
    expect(button('database-move').disabled).toBe(true);
    expect(screen.getByTestId('database-move-hint').textContent).toBe(
      'Enter the server’s URL, then test the connection.',
    );

    fireEvent.change(screen.getByTestId('database-url'), { target: { value: URL } });
    expect(button('database-test').disabled).toBe(false);
    expect(screen.getByTestId('database-move-hint').textContent).toBe('Test the connection first.');
    fireEvent.click(button('database-test'));
    const result = await screen.findByTestId('database-test-result');
    expect(backend.testPostgres).toHaveBeenCalledWith(URL, null);
    expect(result.getAttribute('data-ok')).toBe('true');
    expect(result.textContent).toBe(
      'Connection works · PostgreSQL 16.4 · Encrypted (TLS) · 2 canvases already there (kept)',
    );
    expect(screen.queryByTestId('database-tls-warning')).toBeNull();
    expect(button('database-move').disabled).toBe(false);

    // Another schema is another test.
    fireEvent.change(screen.getByTestId('database-schema'), { target: { value: 'team' } });
    expect(button('database-move').disabled).toBe(true);
    expect(screen.queryByTestId('database-test-result')).toBeNull();
    expect(screen.getByTestId('database-move-hint').textContent).toContain('changed since the test');
    fireEvent.change(screen.getByTestId('database-schema'), { target: { value: '' } });
    expect(button('database-move').disabled).toBe(false);

    fireEvent.click(button('database-move'));
    expect(backend.moveToPostgres).toHaveBeenCalledWith(URL, null);
    const progress = await screen.findByTestId('database-progress');
    push({ phase: 'canvases', done: 1, total: 3, canvasName: 'Storyboard' });
    expect(progress.getAttribute('data-phase')).toBe('canvases');
    expect(screen.getByTestId('database-progress-phase').textContent).toBe('Copying canvas 2 of 3');
    expect(screen.getByTestId('database-progress-canvas').textContent).toBe('“Storyboard”');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('23');
    expect(screen.queryByTestId('database-url')).toBeNull();

    await finish();
    const done = await screen.findByTestId('database-report');
    expect(done.getAttribute('data-verified')).toBe('true');
    expect(done.textContent).toContain('2 canvases copied');
    expect(done.textContent).toContain('left untouched');
    await waitFor(() => expect(screen.getByTestId('database-report-url').textContent).toBe(shown));
    // The typed URL (with its password) is gone from the page.
    expect(container.textContent).not.toContain('hunter2');
    expect(container.querySelector('input')).toBeNull();
    fireEvent.click(button('database-restart'));
    expect(backend.restart).toHaveBeenCalled();
  });

  it('explains a failed test and warns about unencrypted remote servers', async () => {
    const { backend } = setup(sqlite, { tls: false });
    render(<DatabaseSection />);
    await screen.findByText('SQLite file on this computer');
    fireEvent.change(screen.getByTestId('database-url'), {
      target: { value: 'postgres://koda:pw@db.example.com/koda' },
    });
    fireEvent.keyDown(screen.getByTestId('database-url'), { key: 'Enter' });
    await screen.findByTestId('database-tls-warning');
    expect(button('database-move').disabled).toBe(false);

    vi.mocked(backend.testPostgres).mockRejectedValueOnce({
      code: 'access_denied',
      message: 'password authentication failed',
    });
    fireEvent.change(screen.getByTestId('database-url'), {
      target: { value: 'postgres://koda:typo@db.example.com/koda' },
    });
    fireEvent.click(button('database-test'));
    await waitFor(() =>
      expect(screen.getByTestId('database-test-result').getAttribute('data-ok')).toBe('false'),
    );
    expect(screen.getByTestId('database-test-result').textContent).toContain(
      'check the user name and password',
    );
    expect(button('database-move').disabled).toBe(true);
  });

  it('hides the URL until asked', async () => {
    setup(sqlite);
    render(<DatabaseSection />);
    const field = (await screen.findByTestId('database-url')) as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(field.placeholder).toBe('postgres://user:password@host:5432/koda?sslmode=require');
    fireEvent.click(button('database-url-toggle'));
    expect(field.type).toBe('text');
    expect(button('database-url-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(button('database-url-toggle').getAttribute('aria-label')).toBe('Hide URL');
  });

  it('shows a database set by environment variables read-only', async () => {
    setup({ ...postgres, fromEnvironment: true });
    render(<DatabaseSection />);
    expect((await screen.findByTestId('database-server')).textContent).toBe(shown);
    expect(screen.getByTestId('database-env-note').textContent).toContain('Environment variables');
    expect(screen.queryByTestId('database-url')).toBeNull();
    expect(screen.queryByTestId('database-move')).toBeNull();
    expect(screen.queryByTestId('database-move-back')).toBeNull();
  });

  it('on PostgreSQL, moves back after asking', async () => {
    const { backend } = setup(postgres);
    render(<DatabaseSection />);
    expect((await screen.findByTestId('database-server')).textContent).toBe(shown);
    expect(screen.getByTestId('database-schema-shown').textContent).toBe('team');
    expect(screen.queryByTestId('database-url')).toBeNull();
    fireEvent.click(button('database-move-back'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    expect(backend.moveToSqlite).toHaveBeenCalled();
    expect((await screen.findByTestId('database-report')).textContent).toContain(
      'uses the SQLite file on this computer',
    );
  });

  it('turns Cloud sync into a note on PostgreSQL', async () => {
    setup(postgres);
    render(<CloudSyncSection />);
    await waitFor(() =>
      expect(screen.getByTestId('sync-unavailable').getAttribute('data-reason')).toBe('postgres'),
    );
    expect(screen.queryByTestId('sync-enabled')).toBeNull();
  });
});
