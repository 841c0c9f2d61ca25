import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CanvasCard } from './CanvasCard';

const canvas = { id: 'c1', name: 'Moodboard', createdAt: 0, updatedAt: 0, nodeCount: 3, revision: 1 };

function renderCard() {
  const handlers = {
    onOpen: vi.fn(),
    onRename: vi.fn(),
    onDuplicate: vi.fn(),
    onTrash: vi.fn(),
    onExport: vi.fn(),
  };
  render(<CanvasCard canvas={canvas} now={3 * 60_000} desktop {...handlers} />);
  return handlers;
}

afterEach(cleanup);

describe('CanvasCard', () => {
  it('shows the name, node count and age, and opens on click', () => {
    const handlers = renderCard();
    expect(screen.getByTestId('canvas-card').getAttribute('data-canvas-id')).toBe('c1');
    expect(screen.getByTestId('canvas-card-name').textContent).toBe('Moodboard');
    expect(screen.getByText(/3 nodes/).textContent).toContain('edited 3 min ago');
    fireEvent.click(screen.getByLabelText('Open Moodboard'));
    expect(handlers.onOpen).toHaveBeenCalledWith('c1');
  });

  it('renames inline: Enter saves, Esc cancels', () => {
    const handlers = renderCard();
    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-rename'));
    const input = screen.getByTestId('rename-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Storyboard' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(handlers.onRename).not.toHaveBeenCalled();
    expect(screen.queryByTestId('rename-input')).toBeNull();

    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-rename'));
    const again = screen.getByTestId('rename-input');
    fireEvent.change(again, { target: { value: 'Storyboard' } });
    fireEvent.keyDown(again, { key: 'Enter' });
    expect(handlers.onRename).toHaveBeenCalledWith('c1', 'Storyboard');
  });

  it('offers duplicate and move to trash', () => {
    const handlers = renderCard();
    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-duplicate'));
    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-trash'));
    expect(handlers.onDuplicate).toHaveBeenCalledWith('c1');
    expect(handlers.onTrash).toHaveBeenCalledWith('c1');
  });

  it('exports through a submenu of formats', () => {
    const handlers = renderCard();
    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-export'));
    expect(screen.getByTestId('card-export-menu')).toBeTruthy();
    expect(screen.getByTestId('card-menu').getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByTestId('export-koda'));
    expect(handlers.onExport).toHaveBeenCalledWith(canvas, 'koda');
    expect(screen.queryByTestId('card-export-menu')).toBeNull();
  });

  it('closes only the submenu on Escape', () => {
    renderCard();
    fireEvent.click(screen.getByTestId('card-menu'));
    fireEvent.click(screen.getByTestId('card-export'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('card-export-menu')).toBeNull();
    expect(screen.getByTestId('card-export')).toBeTruthy();
  });
});
