import { describe, expect, it } from 'vitest';
import { findFreeSpot } from './placement';

describe('findFreeSpot', () => {
  it('keeps the desired spot when it is free', () => {
    expect(
      findFreeSpot({ x: 0, y: 0, width: 100, height: 100 }, [{ x: 500, y: 500, width: 10, height: 10 }]),
    ).toEqual({ x: 0, y: 0 });
  });

  it('moves off a node that is in the way, to a spot that overlaps nothing', () => {
    const taken = [{ x: 0, y: 0, width: 300, height: 200 }];
    const spot = findFreeSpot({ x: 20, y: 20, width: 300, height: 200 }, taken);
    expect(spot).not.toEqual({ x: 20, y: 20 });
    const clear =
      spot.x >= 300 + 24 || spot.x + 300 + 24 <= 0 || spot.y >= 200 + 24 || spot.y + 200 + 24 <= 0;
    expect(clear).toBe(true);
  });
});
