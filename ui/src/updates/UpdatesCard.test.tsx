import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../bindings/UpdateStatus';
import { GeneralSection } from '../settings/GeneralSection';
import type { StorageProvider } from '../storage/types';
import type { UpdatesBackend } from './updates-client';
import { publishedText } from './updates-describe';
import { useUpdates } from './updates-store';
import { UpdatesCard } from './UpdatesCard';

const NOTES = 'Faster canvases\n\n- Groups keep their order\n<b>not bold</b>';
const info = { version: '0.2.0', currentVersion: '0.1.0', notes: NOTES, date: '2025-03-04T10:00:00Z' };

function show(status: UpdateStatus) {
  const backend = {
    check: vi.fn(async (): Promise<UpdateStatus> => ({ state: 'available', ...info })),
    download: vi.fn(async (): Promise<UpdateStatus> => ({ state: 'ready', ...info })),
    restartToUpdate: vi.fn(async (): Promise<UpdateStatus> => ({ state: 'ready', ...info })),
  };
  useUpdates.setState({ backend: backend as unknown as UpdatesBackend, status, busy: null });
  render(<UpdatesCard />);
  return backend;
}

const stateLine = () => screen.getByTestId('updates-state');
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

afterEach(() => {
  cleanup();
  useUpdates.setState({ backend: null, status: null, busy: null, progress: null });
});

describe('Settings → General → Updates', () => {
  it('says a build without an update server does not check, with nothing to press', () => {
    show({ state: 'notConfigured', currentVersion: '0.1.0-dev' });
    expect(screen.getByTestId('updates-version').textContent).toBe('Koda 0.1.0-dev');
    expect(stateLine().dataset.state).toBe('notConfigured');
    expect(stateLine().textContent).toBe('This build does not check for updates.');
    expect(screen.getByTestId('updates-card').querySelector('button')).toBeNull();
  });

  it('up to date: Check now, which waits while checking and then shows what was found', async () => {
    const backend = show({ state: 'upToDate', currentVersion: '0.1.0' });
    expect(stateLine().textContent).toBe('Koda is up to date.');
    fireEvent.click(button('updates-check'));
    expect(button('updates-check').disabled).toBe(true);
    expect(button('updates-check').textContent).toBe('Checking…');
    await act(async () => {});
    expect(backend.check).toHaveBeenCalledTimes(1);
    expect(stateLine().dataset.state).toBe('available');
  });

  it('available: the version, the date, the notes as plain text with their line breaks, Download', async () => {
    const backend = show({ state: 'available', ...info });
    expect(stateLine().textContent).toBe('Koda 0.2.0 is available');
    expect(screen.getByText(publishedText(info.date)!)).toBeTruthy();
    const notes = screen.getByTestId('updates-notes');
    expect(notes.textContent).toBe(NOTES);
    expect(notes.querySelector('b')).toBeNull();
    expect(button('updates-download').textContent).toBe('Download update');
    fireEvent.click(button('updates-download'));
    expect(button('updates-download').textContent).toBe('Downloading…');
    await act(async () => {});
    expect(backend.download).toHaveBeenCalledTimes(1);
    expect(stateLine().textContent).toBe(
      'Koda 0.2.0 is ready. It will be installed the next time you start Koda.',
    );
  });

  it('leaves out notes and a date the release did not give', () => {
    show({ state: 'available', ...info, notes: '  \n', date: null });
    expect(screen.queryByTestId('updates-notes')).toBeNull();
    expect(screen.queryByText(/Published/)).toBeNull();
  });

  it('ready: Restart now asks the app to install and restart', async () => {
    const backend = show({ state: 'ready', ...info });
    fireEvent.click(button('updates-restart'));
    expect(button('updates-restart').textContent).toBe('Restarting…');
    await act(async () => {});
    expect(backend.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('failed: the message as an error, and Try again checks again', async () => {
    const backend = show({ state: 'failed', currentVersion: '0.1.0', message: 'Could not check: offline' });
    expect(screen.getByTestId('updates-message').textContent).toBe('Could not check: offline');
    expect(stateLine().getAttribute('role')).toBe('alert');
    expect(button('updates-check').textContent).toBe('Try again');
    fireEvent.click(button('updates-check'));
    await act(async () => {});
    expect(backend.check).toHaveBeenCalledTimes(1);
  });

  it('shows nothing before the app answered', () => {
    render(<UpdatesCard />);
    expect(screen.queryByTestId('updates-card')).toBeNull();
  });

  it('is in General on desktop only', () => {
    useUpdates.setState({ status: { state: 'upToDate', currentVersion: '0.1.0' } });
    const provider = (isDesktop: boolean) => ({ isDesktop }) as unknown as StorageProvider;
    const { unmount } = render(<GeneralSection provider={provider(false)} info={null} />);
    expect(screen.queryByTestId('updates-card')).toBeNull();
    unmount();
    render(<GeneralSection provider={provider(true)} info={null} />);
    expect(screen.getByTestId('updates-card')).toBeTruthy();
  });
});

describe('publishedText', () => {
  it('names the day, or nothing for a missing or unreadable date', () => {
    expect(publishedText('2025-03-04T10:00:00Z', 'en-GB')).toBe('Published 4 March 2025');
    expect(publishedText(null)).toBeNull();
    expect(publishedText('soon')).toBeNull();
  });

  it('downloading: a bar of how much has arrived, or a size alone when the server did not say it', () => {
    show({ state: 'available', ...info });
    act(() =>
      useUpdates.setState({ busy: 'downloading', progress: { received: 12_300_000, total: 48_000_000 } }),
    );
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('26');
    expect(screen.getByTestId('updates-progress').textContent).toBe('12.3 of 48.0 MB');
    act(() => useUpdates.setState({ progress: { received: 5_000_000, total: null } }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByTestId('updates-progress').textContent).toBe('5.0 MB');
    act(() => useUpdates.setState({ busy: null, progress: null }));
    expect(screen.queryByTestId('updates-progress')).toBeNull();
  });
});
