import { describe, expect, it } from 'vitest';
import {
  currentOutputs,
  keepOutputHistory,
  OUTPUT_HISTORY_LIMIT,
  outputHistoryOf,
  runFinishedIn,
  withOutputHistory,
} from './output-history';

describe('output history', () => {
  it('reads the current set and everything before it', () => {
    expect(currentOutputs({ outputUrl: 'b', outputUrls: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(currentOutputs({ outputUrl: 'x', outputUrls: ['a'] })).toEqual(['x', 'a']);
    expect(
      outputHistoryOf({ outputHistory: ['o1', 'o2'], outputUrl: 'n1', outputUrls: ['n1', 'n2'] }),
    ).toEqual(['o1', 'o2', 'n1', 'n2']);
    expect(outputHistoryOf({ outputHistory: 7 })).toEqual([]);
  });

  it('keeps the outputs a run replaced', () => {
    const kept = keepOutputHistory({ outputUrl: 'a' }, { outputUrl: 'b', lastRunId: 'r2' });
    expect(kept).toEqual({ outputUrl: 'b', lastRunId: 'r2', outputHistory: ['a', 'b'] });
  });

  it('writes nothing when no output is lost (a first run, or history already stored)', () => {
    const first = { outputUrl: 'a', outputUrls: ['a', 'b'] };
    expect(keepOutputHistory(undefined, first)).toBe(first);
    expect(keepOutputHistory({}, first)).toBe(first);
    const full = { outputUrl: 'b', outputHistory: ['a', 'b'] };
    expect(keepOutputHistory({ outputUrl: 'a', outputHistory: ['a'] }, full)).toBe(full);
  });

  it('tells a finished run from other changes', () => {
    const before = [
      { id: 'g', type: 'imageGenerator', data: { lastRunId: 'r1' } },
      { id: 't', type: 'text', data: { lastRunId: 'x' } },
    ];
    expect(runFinishedIn(before, [{ id: 'g', type: 'imageGenerator', data: { lastRunId: 'r2' } }])).toBe(
      true,
    );
    expect(
      runFinishedIn(before, [{ id: 'g', type: 'imageGenerator', data: { lastRunId: 'r1', prompt: 'x' } }]),
    ).toBe(false);
    expect(runFinishedIn(before, [{ id: 't', type: 'text', data: { lastRunId: 'y' } }])).toBe(false);
  });

  it('keeps at most the newest outputs', () => {
    const many = Array.from({ length: OUTPUT_HISTORY_LIMIT }, (_, i) => `u${i}`);
    const kept = keepOutputHistory(
      { outputHistory: many, outputUrl: 'u59' },
      { outputHistory: many, outputUrl: 'new' },
    );
    expect(kept.outputHistory).toHaveLength(OUTPUT_HISTORY_LIMIT);
    expect((kept.outputHistory as string[]).at(-1)).toBe('new');
    expect((kept.outputHistory as string[])[0]).toBe('u1');
  });

  it('touches only generators whose outputs moved, keeping other objects', () => {
    type N = { id: string; type: string; data: Record<string, unknown> };
    const text: N = { id: 't', type: 'text', data: { content: 'x' } };
    const same: N = { id: 's', type: 'imageGenerator', data: { outputUrl: 'a' } };
    const before: N[] = [
      text,
      same,
      { id: 'g', type: 'imageGenerator', data: { outputUrl: 'a', outputUrls: ['a'] } },
    ];
    const after: N[] = [
      text,
      { ...same, data: { ...same.data } },
      { id: 'g', type: 'imageGenerator', data: { outputUrl: 'b', outputUrls: ['b', 'c'] } },
    ];
    const result = withOutputHistory(before, after);
    expect(result[0]).toBe(text);
    expect(result[1]).toBe(after[1]);
    expect(result[2].data.outputHistory).toEqual(['a', 'b', 'c']);
    const unchanged = [text, same];
    expect(withOutputHistory(unchanged, unchanged)).toBe(unchanged);
  });
});
