/**
 * Where focus goes in the template grid for a key: arrows move by one card or one row, Home and
 * End jump to the ends. `'search'` means "leave the grid upwards, to the search field"; null
 * means the key is not the grid's.
 */
export function nextCardIndex(
  key: string,
  index: number,
  count: number,
  columns: number,
): number | 'search' | null {
  if (count === 0) return null;
  const cols = Math.max(1, columns);
  switch (key) {
    case 'ArrowRight':
      return Math.min(index + 1, count - 1);
    case 'ArrowLeft':
      return Math.max(index - 1, 0);
    case 'ArrowDown': {
      if (index + cols < count) return index + cols;
      // From a full row above a shorter last row: the last card.
      const lastRowStart = count - 1 - ((count - 1) % cols);
      return index < lastRowStart ? count - 1 : index;
    }
    case 'ArrowUp':
      return index - cols >= 0 ? index - cols : 'search';
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** How many cards sit in the grid's first row (they share the first card's top). */
export function columnsOf(cards: readonly HTMLElement[]): number {
  if (cards.length === 0) return 1;
  const top = cards[0].offsetTop;
  let columns = 0;
  for (const card of cards) {
    if (card.offsetTop !== top) break;
    columns++;
  }
  return Math.max(1, columns);
}
