import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../app/app-store';
import type { ApiKeyInfo } from '../bindings/ApiKeyInfo';
import { useToasts } from '../components/toast-store';
import type { GenerationBackend } from '../generation/generation-client';
import { useGeneration } from '../generation/generation-store';
import { DEFAULT_SETTINGS } from '../storage/defaults';
import { AiProvidersSection } from './AiProvidersSection';

const KEY = 'fal-7d1c-very-secret';

function setup(keys: ApiKeyInfo[] = []) {
  let stored = [...keys];
  const backend = {
    estimate: vi.fn(),
    start: vi.fn(),
    plan: vi.fn(),
    runAll: vi.fn(),
    cancel: vi.fn(),
    retry: vi.fn(),
    list: vi.fn(async () => []),
    spend: vi.fn(async () => ({ thisMonthUsd: 3.5, monthlyCapUsd: 10, waiting: [] })),
    listAssets: vi.fn(async () => []),
    listKeys: vi.fn(async () => stored),
    setKey: vi.fn(async () => {
      stored = [{ name: 'fal', location: 'sealedFile' }];
      return 'sealedFile' as const;
    }),
    removeKey: vi.fn(async () => {
      stored = [];
    }),
    testKey: vi.fn(async (key?: string) => {
      if (key?.startsWith('bad'))
        throw { code: 'bad_key', message: 'the AI provider refused the API key: 401' };
    }),
    saveAsset: vi.fn(),
    onRun: () => () => {},
  } as unknown as GenerationBackend;
  const setSettings = vi.fn(async () => {});
  useApp.setState({
    settings: { ...DEFAULT_SETTINGS, generation: { parallelRuns: 3, defaultModels: {}, monthlyCapUsd: 10 } },
    provider: { setSettings } as never,
  });
  const stop = useGeneration.getState().start(backend);
  return { backend, setSettings, stop };
}

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  useToasts.setState({ toasts: [] });
});

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe('Settings → AI providers', () => {
  it('in the browser, offers only the default models', () => {
    useApp.setState({ settings: DEFAULT_SETTINGS });
    render(<AiProvidersSection desktop={false} />);
    expect(screen.getByTestId('ai-unavailable').textContent).toContain('desktop app');
    expect(screen.queryByTestId('ai-key-input')).toBeNull();
    expect(screen.getByTestId('default-image-model')).toBeTruthy();
  });

  it('saves a typed key write-only: the field empties and the key is nowhere in the page', async () => {
    const setup1 = setup();
    stop = setup1.stop;
    const { container } = render(<AiProvidersSection desktop />);
    await screen.findByText(/No key yet/);
    fireEvent.change(input('ai-key-input'), { target: { value: KEY } });
    fireEvent.click(screen.getByTestId('ai-key-test'));
    await waitFor(() =>
      expect(screen.getByTestId('ai-key-test-result').getAttribute('data-ok')).toBe('true'),
    );
    expect(setup1.backend.testKey).toHaveBeenCalledWith(KEY);
    await act(async () => fireEvent.click(screen.getByTestId('ai-key-save')));
    await waitFor(() =>
      expect(screen.getByTestId('ai-key-location').getAttribute('data-location')).toBe('sealedFile'),
    );
    expect(setup1.backend.setKey).toHaveBeenCalledWith('fal', KEY);
    expect(input('ai-key-input').value).toBe('');
    expect(container.innerHTML).not.toContain(KEY);
    expect(screen.getByTestId('ai-key-location').textContent).toContain('sealed');
  });

  it('says when fal refuses a key, and tests the saved key when nothing is typed', async () => {
    const setup1 = setup([{ name: 'fal', location: 'keychain' }]);
    stop = setup1.stop;
    render(<AiProvidersSection desktop />);
    await screen.findByText('Stored in the system keychain');
    fireEvent.change(input('ai-key-input'), { target: { value: 'bad-key' } });
    fireEvent.click(screen.getByTestId('ai-key-test'));
    await waitFor(() =>
      expect(screen.getByTestId('ai-key-test-result').getAttribute('data-ok')).toBe('false'),
    );
    expect(screen.getByTestId('ai-key-test-result').textContent).toContain('fal refused this key');
    fireEvent.change(input('ai-key-input'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('ai-key-test'));
    await waitFor(() =>
      expect(screen.getByTestId('ai-key-test-result').textContent).toContain('The saved key works'),
    );
    expect(setup1.backend.testKey).toHaveBeenLastCalledWith(undefined);
  });

  it('keeps the cap and parallel runs, and shows the month against the cap', async () => {
    const setup1 = setup([{ name: 'fal', location: 'keychain' }]);
    stop = setup1.stop;
    render(<AiProvidersSection desktop />);
    await waitFor(() => expect(screen.getByTestId('ai-spend').textContent).toBe('$3.50 spent this month'));
    fireEvent.change(input('ai-monthly-cap'), { target: { value: '$25.5' } });
    fireEvent.blur(input('ai-monthly-cap'));
    expect(useApp.getState().settings.generation.monthlyCapUsd).toBe(25.5);
    fireEvent.change(input('ai-monthly-cap'), { target: { value: 'lots' } });
    fireEvent.blur(input('ai-monthly-cap'));
    expect(input('ai-monthly-cap').value).toBe('25.5');
    fireEvent.change(input('ai-monthly-cap'), { target: { value: '' } });
    fireEvent.blur(input('ai-monthly-cap'));
    expect(useApp.getState().settings.generation.monthlyCapUsd).toBeUndefined();
    fireEvent.change(input('ai-parallel-runs'), { target: { value: '12' } });
    fireEvent.blur(input('ai-parallel-runs'));
    expect(useApp.getState().settings.generation.parallelRuns).toBe(8);
    expect(setup1.setSettings).toHaveBeenCalled();
  });

  it('shows a FAL_KEY key as coming from the environment, with nothing to type or remove', async () => {
    const setup1 = setup([{ name: 'fal', location: 'environment' }]);
    stop = setup1.stop;
    render(<AiProvidersSection desktop />);
    await screen.findByText(/FAL_KEY environment variable/);
    expect(screen.queryByTestId('ai-key-input')).toBeNull();
    expect(screen.queryByTestId('ai-key-remove')).toBeNull();
  });
});
