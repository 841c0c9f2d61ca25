/** Rectangles in flow coordinates, for dropping nodes into groups. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GroupCandidate {
  id: string;
  rect: Rect;
}

/** The smallest group whose frame holds the centre of `rect`, or null. */
export function findContainingGroup(rect: Rect, groups: readonly GroupCandidate[], excludeId?: string): string | null {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  let best: GroupCandidate | null = null;
  for (const group of groups) {
    if (group.id === excludeId) continue;
    const r = group.rect;
    const inside = cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height;
    if (inside && (!best || r.width * r.height < best.rect.width * best.rect.height)) best = group;
  }
  return best?.id ?? null;
}
