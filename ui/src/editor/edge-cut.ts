/**
 * Cutting connections by drawing a line across them (hold ⌥/Alt and drag on the canvas): the
 * geometry. Edge paths are read from the `d` of React Flow's edge paths (flow coordinates),
 * flattened to polylines, and tested against the drawn segment.
 */
export interface Point {
  x: number;
  y: number;
}

const TOKEN = /[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g;

/**
 * The points along an SVG path, curves sampled `steps` times. Understands what React Flow
 * draws: M, L, H, V, C, Q (absolute and relative) and Z; anything else ends the walk.
 */
export function pathPoints(d: string, steps = 16): Point[] {
  const tokens = d.match(TOKEN) ?? [];
  const points: Point[] = [];
  let i = 0;
  let command = '';
  let at: Point = { x: 0, y: 0 };
  let start: Point = at;
  const num = () => Number(tokens[i++]);
  const isNumber = (t: string | undefined) => t !== undefined && !/^[a-zA-Z]$/.test(t);
  while (i < tokens.length) {
    if (!isNumber(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    const base = relative ? at : { x: 0, y: 0 };
    switch (command.toUpperCase()) {
      case 'M': {
        at = { x: base.x + num(), y: base.y + num() };
        start = at;
        points.push(at);
        // Further pairs after M are lines.
        command = relative ? 'l' : 'L';
        break;
      }
      case 'L':
        at = { x: base.x + num(), y: base.y + num() };
        points.push(at);
        break;
      case 'H':
        at = { x: (relative ? at.x : 0) + num(), y: at.y };
        points.push(at);
        break;
      case 'V':
        at = { x: at.x, y: (relative ? at.y : 0) + num() };
        points.push(at);
        break;
      case 'C': {
        const c1 = { x: base.x + num(), y: base.y + num() };
        const c2 = { x: base.x + num(), y: base.y + num() };
        const end = { x: base.x + num(), y: base.y + num() };
        const from = at;
        for (let s = 1; s <= steps; s++) {
          const t = s / steps;
          const u = 1 - t;
          points.push({
            x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
            y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y,
          });
        }
        at = end;
        break;
      }
      case 'Q': {
        const c = { x: base.x + num(), y: base.y + num() };
        const end = { x: base.x + num(), y: base.y + num() };
        const from = at;
        const n = Math.max(2, Math.round(steps / 4));
        for (let s = 1; s <= n; s++) {
          const t = s / n;
          const u = 1 - t;
          points.push({
            x: u * u * from.x + 2 * u * t * c.x + t * t * end.x,
            y: u * u * from.y + 2 * u * t * c.y + t * t * end.y,
          });
        }
        at = end;
        break;
      }
      case 'Z':
        at = start;
        points.push(at);
        break;
      default:
        return points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    }
  }
  return points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

function onSegment(p: Point, q: Point, r: Point): boolean {
  return (
    Math.min(p.x, r.x) <= q.x &&
    q.x <= Math.max(p.x, r.x) &&
    Math.min(p.y, r.y) <= q.y &&
    q.y <= Math.max(p.y, r.y)
  );
}

/** Whether segments a1–a2 and b1–b2 touch or cross. */
export function segmentsIntersect(a1: Point, a2: Point, b1: Point, b2: Point): boolean {
  const d1 = cross(b1, b2, a1);
  const d2 = cross(b1, b2, a2);
  const d3 = cross(a1, a2, b1);
  const d4 = cross(a1, a2, b2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(b1, a1, b2)) return true;
  if (d2 === 0 && onSegment(b1, a2, b2)) return true;
  if (d3 === 0 && onSegment(a1, b1, a2)) return true;
  if (d4 === 0 && onSegment(a1, b2, a2)) return true;
  return false;
}

/** Whether the cut from `a` to `b` crosses the polyline. */
export function crossesPolyline(a: Point, b: Point, polyline: readonly Point[]): boolean {
  for (let i = 1; i < polyline.length; i++)
    if (segmentsIntersect(a, b, polyline[i - 1], polyline[i])) return true;
  return false;
}

/** The ids of the edges (given by their path `d`, flow coordinates) the cut from `a` to `b` crosses. */
export function edgesCut(a: Point, b: Point, edges: readonly { id: string; d: string }[]): string[] {
  if (a.x === b.x && a.y === b.y) return [];
  return edges.filter((edge) => crossesPolyline(a, b, pathPoints(edge.d))).map((edge) => edge.id);
}
