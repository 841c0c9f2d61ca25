import { describe, expect, it } from 'vitest';
import { columnsOf, nextCardIndex } from './gallery-keys';

describe('nextCardIndex', () => {
  // 7 cards in 3 columns:  0 1 2 / 3 4 5 / 6
  it('moves by one card sideways and stops at the ends', () => {
    expect(nextCardIndex('ArrowRight', 0, 7, 3)).toBe(1);
    expect(nextCardIndex('ArrowRight', 6, 7, 3)).toBe(6);
    expect(nextCardIndex('ArrowLeft', 3, 7, 3)).toBe(2);
    expect(nextCardIndex('ArrowLeft', 0, 7, 3)).toBe(0);
  });

  it('moves by a row up and down; the short last row is reached from above', () => {
    expect(nextCardIndex('ArrowDown', 1, 7, 3)).toBe(4);
    expect(nextCardIndex('ArrowDown', 5, 7, 3)).toBe(6);
    expect(nextCardIndex('ArrowDown', 6, 7, 3)).toBe(6);
    expect(nextCardIndex('ArrowUp', 4, 7, 3)).toBe(1);
    expect(nextCardIndex('ArrowUp', 1, 7, 3)).toBe('search');
  });

  it('jumps to the ends and ignores other keys', () => {
    expect(nextCardIndex('Home', 5, 7, 3)).toBe(0);
    expect(nextCardIndex('End', 0, 7, 3)).toBe(6);
    expect(nextCardIndex('Enter', 0, 7, 3)).toBeNull();
    expect(nextCardIndex('ArrowDown', 0, 0, 3)).toBeNull();
  });
});

describe('columnsOf', () => {
  it('counts the cards on the first row', () => {
    const card = (top: number) => ({ offsetTop: top }) as HTMLElement;
    expect(columnsOf([card(0), card(0), card(0), card(200), card(200)])).toBe(3);
    expect(columnsOf([card(0)])).toBe(1);
    expect(columnsOf([])).toBe(1);
  });
});
