import type { Rect } from './groups';

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return (
    a.x < b.x + b.width + margin &&
    a.x + a.width + margin > b.x &&
    a.y < b.y + b.height + margin &&
    a.y + a.height + margin > b.y
  );
}

/**
 * The free spot nearest to `desired` where a new node does not cover another one: searched on
 * rings of growing distance, right and down first. Falls back to `desired` on a crowded canvas.
 */
export function findFreeSpot(
  desired: Rect,
  taken: readonly Rect[],
  step = 40,
  margin = 24,
  maxRings = 30,
): { x: number; y: number } {
  const free = (x: number, y: number) => !taken.some((r) => overlaps({ ...desired, x, y }, r, margin));
  if (free(desired.x, desired.y)) return { x: desired.x, y: desired.y };
  for (let ring = 1; ring <= maxRings; ring++) {
    const candidates: [number, number][] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push([ring, i], [i, ring], [-ring, i], [i, -ring]);
    }
    // Prefer spots to the right, then below: the way a flow reads.
    candidates.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]) || b[0] - a[0] || b[1] - a[1]);
    for (const [dx, dy] of candidates) {
      const x = desired.x + dx * step;
      const y = desired.y + dy * step;
      if (free(x, y)) return { x, y };
    }
  }
  return { x: desired.x, y: desired.y };
}
