import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TemplateGallery } from './TemplateGallery';
import { TEMPLATES } from './templates';

afterEach(cleanup);

function open() {
  const onPick = vi.fn(() => Promise.resolve(true));
  const onClose = vi.fn();
  render(<TemplateGallery onPick={onPick} onClose={onClose} />);
  return { onPick, onClose };
}

describe('TemplateGallery', () => {
  it('shows every template with its own preview, blank first and focused', () => {
    open();
    expect(screen.getByTestId('template-gallery')).toBeTruthy();
    for (const template of TEMPLATES) {
      const card = screen.getByTestId(`template-${template.id}`);
      expect(card.textContent).toContain(template.name);
      expect(card.querySelector('svg')?.getAttribute('data-preview')).toBe(template.id);
    }
    expect(document.activeElement).toBe(screen.getByTestId('template-blank'));
  });

  it('moves with the arrow keys and creates with Enter (a click)', async () => {
    const { onPick } = open();
    const blank = screen.getByTestId('template-blank');
    fireEvent.keyDown(blank, { key: 'ArrowRight' });
    const second = screen.getByTestId(`template-${TEMPLATES[1].id}`);
    expect(document.activeElement).toBe(second);
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(second.tabIndex).toBe(0);
    expect(blank.tabIndex).toBe(-1);
    fireEvent.keyDown(second, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByTestId(`template-${TEMPLATES[TEMPLATES.length - 1].id}`));
    // In jsdom every card is on "one row": ↑ leaves for the search field.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByTestId('template-search'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(blank);
    await act(async () => fireEvent.click(screen.getByTestId('template-mood-board')));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'mood-board' }));
  });

  it('searches, with Enter creating the first match, and explains an empty result', async () => {
    const { onPick } = open();
    const search = screen.getByTestId('template-search');
    fireEvent.change(search, { target: { value: 'character' } });
    expect(screen.queryByTestId('template-blank')).toBeNull();
    expect(screen.getByTestId('template-character-sheet')).toBeTruthy();
    await act(async () => fireEvent.keyDown(search, { key: 'Enter' }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'character-sheet' }));

    fireEvent.change(search, { target: { value: 'no such thing' } });
    expect(screen.getByTestId('template-empty').textContent).toContain('No templates match “no such thing”');
    await act(async () => fireEvent.click(screen.getByTestId('template-empty-blank')));
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'blank' }));
    fireEvent.click(screen.getByText('Clear search'));
    expect(screen.getAllByRole('option')).toHaveLength(TEMPLATES.length);
  });

  it('marks the card being created and ignores further picks meanwhile; Esc closes', async () => {
    let finish: (ok: boolean) => void = () => {};
    const onPick = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    const onClose = vi.fn();
    render(<TemplateGallery onPick={onPick} onClose={onClose} />);
    fireEvent.click(screen.getByTestId('template-podcast-cover'));
    expect(screen.getByTestId('template-podcast-cover').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('template-podcast-cover').textContent).toContain('Creating…');
    fireEvent.click(screen.getByTestId('template-blank'));
    expect(onPick).toHaveBeenCalledTimes(1);
    await act(async () => finish(false));
    expect(screen.getByTestId('template-podcast-cover').getAttribute('aria-busy')).toBeNull();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});
