import { describe, expect, it } from 'vitest';
import { crossesPolyline, edgesCut, pathPoints, segmentsIntersect } from './edge-cut';

describe('segmentsIntersect', () => {
  it('finds crossings, touching ends and collinear overlaps; not parallel or distant segments', () => {
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 5 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 0 }, { x: 15, y: 0 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 1 }, { x: 10, y: 1 })).toBe(false);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 5, y: 0 }, { x: 5, y: 10 })).toBe(false);
  });
});

describe('pathPoints', () => {
  it('samples React Flow’s bezier edges from their start to their end', () => {
    const points = pathPoints('M100,50 C150,50 150,150 200,150', 8);
    expect(points[0]).toEqual({ x: 100, y: 50 });
    expect(points.at(-1)).toEqual({ x: 200, y: 150 });
    expect(points).toHaveLength(9);
    // The middle of this S-curve is its centre.
    expect(points[4].x).toBeCloseTo(150);
    expect(points[4].y).toBeCloseTo(100);
  });

  it('reads lines, relative commands, H/V and quadratic corners (smooth-step edges)', () => {
    expect(pathPoints('M0 0 L10 0 l0 10 H0 V0')).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 0, y: 0 },
    ]);
    const corner = pathPoints('M0 0 L 10 0 Q 20 0 20 10 L 20 30');
    expect(corner.at(-1)).toEqual({ x: 20, y: 30 });
    expect(corner.some((p) => p.x > 10 && p.x < 20 && p.y > 0 && p.y < 10)).toBe(true);
  });

  it('stops at anything it does not understand', () => {
    expect(pathPoints('M0,0 A5,5 0 0 1 10,10')).toEqual([{ x: 0, y: 0 }]);
    expect(pathPoints('')).toEqual([]);
  });
});

describe('edgesCut', () => {
  const edges = [
    { id: 'over', d: 'M0,0 C50,0 50,100 100,100' },
    { id: 'below', d: 'M0,300 C50,300 50,400 100,400' },
    { id: 'straight', d: 'M0,50 L100,50' },
  ];

  it('names the edges a line drawn across them crosses', () => {
    // A vertical cut at x = 50 from y = -10 to y = 120 crosses the first curve and the line.
    expect(edgesCut({ x: 50, y: -10 }, { x: 50, y: 120 }, edges)).toEqual(['over', 'straight']);
    expect(edgesCut({ x: 50, y: 320 }, { x: 60, y: 390 }, edges)).toEqual(['below']);
  });

  it('cuts nothing for a click or a line beside every edge', () => {
    expect(edgesCut({ x: 50, y: 50 }, { x: 50, y: 50 }, edges)).toEqual([]);
    expect(edgesCut({ x: 200, y: 0 }, { x: 200, y: 500 }, edges)).toEqual([]);
  });

  it('tests a polyline segment by segment', () => {
    expect(
      crossesPolyline({ x: 5, y: -5 }, { x: 5, y: 5 }, [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ]),
    ).toBe(true);
    expect(crossesPolyline({ x: 5, y: -5 }, { x: 5, y: 5 }, [{ x: 0, y: 0 }])).toBe(false);
  });
});
