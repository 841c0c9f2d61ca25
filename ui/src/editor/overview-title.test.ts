import { describe, expect, it } from 'vitest';
import { detailLevelAt, OVERVIEW_BELOW_ZOOM } from './detail-level';
import { overviewTitle } from './overview-title';

describe('level of detail', () => {
  it('switches to the overview below the threshold only', () => {
    expect(detailLevelAt(0.1)).toBe('overview');
    expect(detailLevelAt(OVERVIEW_BELOW_ZOOM - 0.01)).toBe('overview');
    expect(detailLevelAt(OVERVIEW_BELOW_ZOOM)).toBe('full');
    expect(detailLevelAt(1)).toBe('full');
  });
});

describe('overviewTitle', () => {
  it('shows what a node says, else what it is', () => {
    expect(overviewTitle('prompt', { text: '  A lighthouse\nin a storm' })).toBe('A lighthouse');
    expect(overviewTitle('prompt', { text: '' })).toBe('Prompt');
    expect(overviewTitle('media', { filename: 'still.png' })).toBe('still.png');
    expect(overviewTitle('group', {})).toBe('Group');
    expect(overviewTitle('imageGenerator', { model: 'Flux Schnell' })).toBe('Image generator · Flux Schnell');
    expect(overviewTitle('videoGenerator', {})).toBe('Video generator');
    expect(overviewTitle('custom', {})).toBe('custom');
  });

  it('cuts long text', () => {
    const title = overviewTitle('stickyNote', { text: 'x'.repeat(200) });
    expect(title.length).toBe(48);
    expect(title.endsWith('…')).toBe(true);
  });
});
