import { describe, expect, it } from 'vitest';
import { filterRuns, modelChoices, NO_FILTERS, statusCounts } from './history-filters';
import { run } from './test-runs.test-util';

const runs = [
  run('a', { prompt: 'A lighthouse in a storm', model: 'flux-pro', canvasId: 'x', createdAt: 1 }),
  run('b', {
    prompt: 'Neon city at night',
    model: 'nanobanana-pro',
    canvasId: 'y',
    status: 'failed',
    createdAt: 3,
  }),
  run('c', {
    prompt: 'Storm over the city',
    model: 'flux-pro',
    canvasId: 'y',
    status: 'processing',
    createdAt: 2,
  }),
  run('d', { prompt: undefined, model: 'veo-3', canvasId: 'x', status: 'canceled', createdAt: 4 }),
];
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('History filters', () => {
  it('shows everything newest first without filters', () => {
    expect(ids(filterRuns(runs, NO_FILTERS))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('filters by status group, model and canvas', () => {
    expect(ids(filterRuns(runs, { ...NO_FILTERS, status: 'active' }))).toEqual(['c']);
    expect(ids(filterRuns(runs, { ...NO_FILTERS, status: 'failed' }))).toEqual(['b']);
    expect(ids(filterRuns(runs, { ...NO_FILTERS, model: 'flux-pro' }))).toEqual(['c', 'a']);
    expect(ids(filterRuns(runs, { ...NO_FILTERS, canvasId: 'x' }))).toEqual(['d', 'a']);
  });

  it('searches every word of the prompt, any case, and the model name', () => {
    expect(ids(filterRuns(runs, { ...NO_FILTERS, query: 'STORM' }))).toEqual(['c', 'a']);
    expect(ids(filterRuns(runs, { ...NO_FILTERS, query: 'city storm' }))).toEqual(['c']);
    expect(ids(filterRuns(runs, { ...NO_FILTERS, query: 'veo' }))).toEqual(['d']);
  });

  it('offers the models used and counts per status', () => {
    expect(modelChoices(runs).map((m) => m.label)).toEqual(['Flux Pro', 'Nano Banana Pro', 'Veo 3']);
    expect(statusCounts(runs)).toEqual({ all: 4, active: 1, completed: 1, failed: 1, canceled: 1 });
  });
});
