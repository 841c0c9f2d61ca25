import { describe, expect, it } from 'vitest';
import {
  capShare,
  monthStartUtc,
  runCostUsd,
  spendByCanvas,
  spendThisMonth,
  totalsOf,
  wasSent,
} from './generation-totals';
import { run } from './test-runs.test-util';

describe('what runs cost', () => {
  it('counts a run once it was sent, whatever became of it', () => {
    expect(runCostUsd(run('a', { cost: 0.04 }))).toBe(0.04);
    expect(runCostUsd(run('b', { cost: 0.04, status: 'failed' }))).toBe(0.04);
    expect(runCostUsd(run('c', { cost: 0.04, status: 'canceled', sent: false }))).toBe(0);
    expect(wasSent(run('d', { run: undefined }))).toBe(false);
  });

  it('adds up a canvas', () => {
    const totals = totalsOf([
      run('a', { cost: 0.04 }),
      run('b', { cost: 0.15, status: 'failed' }),
      run('c', { sent: false, status: 'pending' }),
    ]);
    expect(totals).toEqual({ usd: 0.19, runs: 3, completed: 1, failed: 1 });
  });

  it('adds up this UTC month only', () => {
    const now = Date.UTC(2026, 10, 30, 14);
    expect(monthStartUtc(now)).toBe(Date.UTC(2026, 10, 1));
    const runs = [
      run('a', { cost: 1, createdAt: Date.UTC(2026, 10, 1) }),
      run('b', { cost: 2, createdAt: Date.UTC(2026, 9, 31, 23, 59) }),
      run('c', { cost: 0.5, createdAt: Date.UTC(2026, 10, 20) }),
    ];
    expect(spendThisMonth(runs, now)).toBe(1.5);
  });

  it('groups per canvas, the most spent first', () => {
    const runs = [
      run('a', { canvasId: 'x', cost: 0.1 }),
      run('b', { canvasId: 'y', cost: 1 }),
      run('c', { canvasId: 'x', cost: 0.2 }),
      run('d', { canvasId: undefined, cost: 0 }),
    ];
    expect(spendByCanvas(runs).map((c) => [c.canvasId, c.usd, c.runs])).toEqual([
      ['y', 1, 1],
      ['x', 0.3, 2],
      ['', 0, 1],
    ]);
  });

  it('says how much of the cap is used', () => {
    expect(capShare(5, 20)).toBe(0.25);
    expect(capShare(25, 20)).toBe(1);
    expect(capShare(5, undefined)).toBeNull();
    expect(capShare(5, 0)).toBeNull();
  });
});
