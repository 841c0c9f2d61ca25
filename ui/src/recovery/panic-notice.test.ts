import { afterEach, describe, expect, it, vi } from 'vitest';
import { useToasts } from '../components/toast-store';
import { PANIC_EVENT, watchPanics } from './panic-notice';

afterEach(() => useToasts.setState({ toasts: [] }));

describe('watchPanics', () => {
  it('shows a lasting toast whose button opens the logs folder, and unsubscribes', async () => {
    let handler: ((event: { payload: string }) => void) | null = null;
    const unlisten = vi.fn();
    const listenTo = vi.fn(async (event: string, h: (event: { payload: string }) => void) => {
      expect(event).toBe(PANIC_EVENT);
      handler = h;
      return unlisten;
    });
    const openLogs = vi.fn(async () => {});
    const stop = watchPanics(openLogs, listenTo);
    await Promise.resolve();
    handler!({ payload: 'Something went wrong inside Koda.' });
    const [toast] = useToasts.getState().toasts;
    expect(toast.message).toBe('Something went wrong inside Koda.');
    expect(toast.tone).toBe('error');
    toast.action!.onClick();
    expect(openLogs).toHaveBeenCalledTimes(1);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});
