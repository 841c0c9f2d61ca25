import { describe, expect, it } from 'vitest';
import {
  dayLabel,
  groupByDay,
  nodeCountLabel,
  sourceHint,
  sourceLabel,
  versionMoment,
} from './version-describe';

const at = (d: number, h = 12, m = 0) => new Date(2026, 10, d, h, m).getTime();
const NOW = at(18, 15);

describe('version words', () => {
  it('labels each source', () => {
    expect(sourceLabel({ source: 'edit' })).toBe('Edit');
    expect(sourceLabel({ source: 'import' })).toBe('Import');
    expect(sourceLabel({ source: 'sync', device: 'Studio iMac' })).toBe('Sync from Studio iMac');
    expect(sourceLabel({ source: 'sync' })).toBe('Sync');
    expect(sourceLabel({ source: 'restore' })).toBe('Restore');
    expect(sourceLabel({ source: 'teammate', device: 'Ana' })).toBe('Teammate · Ana');
    expect(sourceLabel({ source: 'teammate' })).toBe('Teammate');
    expect(sourceHint({ source: 'restore' })).toMatch(/before a restore/);
    expect(sourceHint({ source: 'sync', device: 'Laptop' })).toMatch(/from Laptop/);
  });

  it('names days and groups versions by day, newest first', () => {
    expect(dayLabel(at(18, 9), NOW)).toBe('Today');
    expect(dayLabel(at(17, 23), NOW)).toBe('Yesterday');
    expect(dayLabel(at(12), NOW)).not.toMatch(/Today|Yesterday/);
    expect(versionMoment(at(18, 9, 5), NOW)).toMatch(/^today at /);
    const groups = groupByDay(
      [{ at: at(18, 14) }, { at: at(18, 9) }, { at: at(17, 20) }, { at: at(12) }],
      NOW,
    );
    expect(
      groups.map((g) => [
        g.label === 'Today' || g.label === 'Yesterday' ? g.label : 'date',
        g.versions.length,
      ]),
    ).toEqual([
      ['Today', 2],
      ['Yesterday', 1],
      ['date', 1],
    ]);
  });

  it('counts nodes', () => {
    expect(nodeCountLabel(1)).toBe('1 node');
    expect(nodeCountLabel(0)).toBe('0 nodes');
  });
});
