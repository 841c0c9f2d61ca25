import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes in order', () => {
    const h = new History<number>();
    h.record(0); // state was 0, became 1
    h.record(1); // became 2
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBe(0);
    expect(h.undo(0)).toBeNull();
    expect(h.redo(0)).toBe(1);
    expect(h.redo(1)).toBe(2);
    expect(h.redo(2)).toBeNull();
  });

  it('drops the redo stack on a new change', () => {
    const h = new History<string>();
    h.record('a');
    expect(h.undo('b')).toBe('a');
    expect(h.canRedo).toBe(true);
    h.record('a');
    expect(h.canRedo).toBe(false);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new History<number>({ limit: 3 });
    for (let i = 0; i < 10; i++) h.record(i);
    expect(h.size).toBe(3);
    expect(h.undo(10)).toBe(9);
    expect(h.undo(9)).toBe(8);
    expect(h.undo(8)).toBe(7);
    expect(h.undo(7)).toBeNull();
  });

  it('coalesces records with the same key inside the window', () => {
    let now = 0;
    const h = new History<string>({ coalesceMs: 1000, now: () => now });
    expect(h.record('', 'text:a')).toBe(true);
    now = 400;
    expect(h.record('h', 'text:a')).toBe(false);
    now = 800;
    expect(h.record('he', 'text:a')).toBe(false);
    expect(h.size).toBe(1);
    expect(h.undo('hello')).toBe('');
  });

  it('starts a new step after the window, another key, or a seal', () => {
    let now = 0;
    const h = new History<string>({ coalesceMs: 1000, now: () => now });
    h.record('a', 'k');
    now = 5000;
    h.record('b', 'k');
    h.record('c', 'other');
    h.seal();
    h.record('d', 'other');
    expect(h.size).toBe(4);
  });
});
