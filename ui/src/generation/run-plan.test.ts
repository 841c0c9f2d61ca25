import { describe, expect, it } from 'vitest';
import { summarizePlan } from './run-plan';

const labels: Record<string, string> = { a: 'Hero image', b: 'Hero video', c: 'Voice-over', d: 'Old frame' };
const labelOf = (id: string) => labels[id] ?? id;

describe('Run all plan summary', () => {
  it('lists runs in order with what each waits for, skipped ones with the reason, and the total', () => {
    const summary = summarizePlan(
      {
        runs: [
          { nodeId: 'a', model: 'flux-pro', costUsd: 0.04, after: [] },
          { nodeId: 'b', model: 'kling-2.6-i2v', costUsd: 0.35, after: ['a'] },
        ],
        skipped: [
          ['c', 'invalid input at text: the node has no prompt: type one, or connect a text node to it'],
          ['d', 'unchanged since its last output'],
        ],
        totalCostUsd: 0.39,
      },
      labelOf,
    );
    expect(summary.headline).toBe('2 runs · 2 skipped · ~$0.39');
    expect(summary.confirmLabel).toBe('Run 2 nodes');
    expect(summary.runs[1]).toMatchObject({
      label: 'Hero video',
      modelLabel: 'Kling 2.6 Image-to-Video',
      after: ['Hero image'],
    });
    expect(summary.skipped).toEqual([
      {
        nodeId: 'c',
        label: 'Voice-over',
        reason: 'The node has no prompt: type one, or connect a text node to it.',
      },
      { nodeId: 'd', label: 'Old frame', reason: 'Unchanged since its last output.' },
    ]);
    expect(summary.overCap).toBeNull();
  });

  it('says when there is nothing to run', () => {
    const summary = summarizePlan(
      { runs: [], skipped: [['d', 'unchanged since its last output']], totalCostUsd: 0 },
      labelOf,
    );
    expect(summary.headline).toBe('0 runs · 1 skipped');
    expect(summary.confirmLabel).toBe('Nothing to run');
  });

  it('warns when the plan would pass the monthly cap', () => {
    const plan = {
      runs: [{ nodeId: 'a', model: 'flux-pro', costUsd: 0.6, after: [] }],
      skipped: [],
      totalCostUsd: 0.6,
    };
    expect(summarizePlan(plan, labelOf, { thisMonthUsd: 0.5, monthlyCapUsd: 1 }).overCap).toEqual({
      afterUsd: 1.1,
      capUsd: 1,
    });
    expect(summarizePlan(plan, labelOf, { thisMonthUsd: 0.4, monthlyCapUsd: 1 }).overCap).toBeNull();
    expect(summarizePlan(plan, labelOf, { thisMonthUsd: 5 }).overCap).toBeNull();
  });
});
