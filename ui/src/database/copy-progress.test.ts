import { describe, expect, it } from 'vitest';
import type { CopyProgress } from '../bindings/CopyProgress';
import { overallFraction, progressLine, reduceProgress, type CopyProgressView } from './copy-progress';

const events: CopyProgress[] = [
  { phase: 'canvases', done: 0, total: 4, canvasName: 'Storyboard' },
  { phase: 'canvases', done: 2, total: 4, canvasName: 'Moodboard' },
  { phase: 'records', done: 0, total: 1 },
  { phase: 'settings', done: 0, total: 1 },
  { phase: 'verifying', done: 1, total: 4 },
  { phase: 'done', done: 4, total: 4 },
];

function run(list: CopyProgress[]): CopyProgressView | null {
  return list.reduce<CopyProgressView | null>(reduceProgress, null);
}

describe('copy progress', () => {
  it('moves one bar across the phases, never back', () => {
    const fractions: number[] = [];
    let view: CopyProgressView | null = null;
    for (const event of events) {
      view = reduceProgress(view, event);
      fractions.push(view!.fraction);
    }
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBe(0);
    expect(fractions[1]).toBeCloseTo(0.35);
    expect(fractions.at(-1)).toBe(1);
    expect(overallFraction({ phase: 'verifying', done: 4, total: 4 })).toBe(1);
  });

  it('keeps the canvas being copied and says how far', () => {
    const view = run(events.slice(0, 2));
    expect(view).toMatchObject({ phase: 'canvases', done: 2, total: 4, canvasName: 'Moodboard' });
    expect(progressLine(view)).toBe('Copying canvas 3 of 4');
    expect(progressLine(run(events.slice(0, 3)))).toBe('Copying media and generation records');
    expect(run(events.slice(0, 3))?.canvasName).toBeUndefined();
    expect(progressLine(run(events.slice(0, 5)))).toBe('Checking canvas 2 of 4');
    expect(progressLine(run(events))).toBe('Done');
    expect(progressLine(null)).toBe('Starting…');
  });

  it('ignores late events of an earlier phase or step, and unknown phases', () => {
    const verifying = run(events.slice(0, 5))!;
    expect(reduceProgress(verifying, events[1])).toBe(verifying);
    expect(reduceProgress(verifying, { phase: 'verifying', done: 0, total: 4 })).toBe(verifying);
    expect(reduceProgress(verifying, { phase: 'uploading' as never, done: 1, total: 1 })).toBe(verifying);
  });

  it('copes with empty and odd counts', () => {
    expect(run([{ phase: 'canvases', done: 0, total: 0 }])).toMatchObject({ done: 0, total: 0, fraction: 0 });
    expect(progressLine(run([{ phase: 'canvases', done: 0, total: 0 }]))).toBe('Copying canvases');
    expect(run([{ phase: 'canvases', done: 9, total: 4, canvasName: '  ' }])).toMatchObject({
      done: 4,
      canvasName: undefined,
      fraction: 0.7,
    });
  });
});
