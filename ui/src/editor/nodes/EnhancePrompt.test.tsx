import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../app/app-store';
import type { StoredCanvas } from '../../bindings/StoredCanvas';
import { textToHtml } from '../../canvas/rich-text';
import type { GenerationBackend } from '../../generation/generation-client';
import { useGeneration } from '../../generation/generation-store';
import { resetEditorModuleState, useEditor } from '../editor-store';
import { Words } from './controls';

const canvas: StoredCanvas = {
  id: 'c',
  name: 'Test',
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
  nodes: [{ id: 'ig', type: 'imageGenerator', position: { x: 0, y: 0 }, data: { prompt: 'a lighthouse' } }],
  edges: [],
};

let persisted: string[];
let stop: (() => void) | null = null;

function connect(enhancePrompt: GenerationBackend['enhancePrompt']) {
  const backend = {
    list: vi.fn(async () => []),
    spend: vi.fn(async () => ({ thisMonthUsd: 0, waiting: [] })),
    enhancePrompt: vi.fn(enhancePrompt),
    onRun: () => () => {},
  } as unknown as GenerationBackend;
  stop = useGeneration.getState().start(backend);
  return backend;
}

/** The prompt field as the image generator draws it, following the store. */
function Prompt({ toStored }: { toStored?: (typed: string) => unknown }) {
  const value = useEditor((s) => String(s.nodes[0].data.prompt ?? ''));
  return (
    <Words
      id="ig"
      field="prompt"
      value={value}
      placeholder=""
      label="Prompt"
      enhance="image"
      toStored={toStored}
    />
  );
}

const prompt = () => useEditor.getState().nodes[0].data.prompt;

beforeEach(() => {
  resetEditorModuleState();
  persisted = [];
  useEditor.getState().load(canvas);
  useEditor.setState({ onPersist: (kind) => persisted.push(kind), readOnly: false });
});

afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

describe('Enhance prompt', () => {
  it('is disabled in the browser, saying why', () => {
    render(<Prompt />);
    expect((screen.getByTestId('enhance-prompt') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('enhance-prompt-tooltip').getAttribute('title')).toBe(
      'Enhancing needs the Koda desktop app',
    );
  });

  it('shows the suggestion under the original; Accept is one undo step and saves', async () => {
    let answer: (value: { suggestion: string }) => void = () => {};
    const backend = connect(() => new Promise((resolve) => (answer = resolve)));
    render(<Prompt />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    expect(backend.enhancePrompt).toHaveBeenCalledWith('a lighthouse', 'image');
    expect(screen.getByTestId('enhance-prompt').getAttribute('aria-busy')).toBe('true');
    await act(async () => answer({ suggestion: 'A lighthouse at dawn, volumetric light' }));
    expect(screen.getByTestId('enhance-suggestion').textContent).toContain(
      'A lighthouse at dawn, volumetric light',
    );
    expect((screen.getByTestId('node-words') as HTMLTextAreaElement).value).toBe('a lighthouse');

    fireEvent.click(screen.getByTestId('enhance-accept'));
    expect(prompt()).toBe('A lighthouse at dawn, volumetric light');
    expect(screen.queryByTestId('enhance-suggestion')).toBeNull();
    expect(persisted).toEqual(['structure']);
    act(() => useEditor.getState().undo());
    expect(prompt()).toBe('a lighthouse');
    expect(useEditor.getState().canUndo).toBe(false);
  });

  it('Discard leaves the words; typing just before Accept stays its own step', async () => {
    connect(async (text) => ({ suggestion: `${text}, rich detail` }));
    render(<Prompt />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    await screen.findByTestId('enhance-suggestion');
    fireEvent.click(screen.getByTestId('enhance-discard'));
    expect(screen.queryByTestId('enhance-suggestion')).toBeNull();
    expect(prompt()).toBe('a lighthouse');

    fireEvent.change(screen.getByTestId('node-words'), { target: { value: 'a lighthouse!' } });
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    fireEvent.click(await screen.findByTestId('enhance-accept'));
    expect(prompt()).toBe('a lighthouse!, rich detail');
    act(() => useEditor.getState().undo());
    expect(prompt()).toBe('a lighthouse!');
  });

  it('stores rich text as HTML', async () => {
    connect(async () => ({ suggestion: 'Two\nlines' }));
    render(<Prompt toStored={textToHtml} />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    fireEvent.click(await screen.findByTestId('enhance-accept'));
    expect(prompt()).toBe(textToHtml('Two\nlines'));
  });

  it('shows a refusal inline, worded by code, until dismissed', async () => {
    connect(async () => {
      throw { code: 'invalid_input', message: 'invalid input at text: there are no words to enhance' };
    });
    render(<Prompt />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    const error = await screen.findByTestId('enhance-error');
    expect(error.getAttribute('data-code')).toBe('invalid_input');
    expect(error.textContent).toContain('Type a few words first');
    fireEvent.click(screen.getByTestId('enhance-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('enhance-error')).toBeNull());
  });

  it('sends a missing key to Settings → AI providers; other errors have no Settings button', async () => {
    const real = useApp.getState().openSettings;
    const openSettings = vi.fn();
    useApp.setState({ openSettings });
    connect(async () => {
      throw { code: 'bad_key', message: 'no fal key: add one in Settings' };
    });
    render(<Prompt />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    fireEvent.click(await screen.findByTestId('enhance-settings'));
    expect(openSettings).toHaveBeenCalledWith('ai');
    useApp.setState({ openSettings: real });
    cleanup();
    stop?.();
    connect(async () => {
      throw { code: 'timeout', message: 'no answer' };
    });
    render(<Prompt />);
    fireEvent.click(screen.getByTestId('enhance-prompt'));
    await screen.findByTestId('enhance-error');
    expect(screen.queryByTestId('enhance-settings')).toBeNull();
  });

  it('is disabled on a read-only canvas', () => {
    connect(async () => ({ suggestion: 'x' }));
    useEditor.setState({ readOnly: true });
    render(<Prompt />);
    expect((screen.getByTestId('enhance-prompt') as HTMLButtonElement).disabled).toBe(true);
  });
});
