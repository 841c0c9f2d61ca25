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
  it('shows the name, else what a node says, else what it is', () => {
    expect(overviewTitle('text', { content: '  A lighthouse\nin a storm' })).toBe('A lighthouse');
    expect(overviewTitle('text', { content: '<p>Rich <strong>text</strong></p><p>second</p>' })).toBe(
      'Rich text',
    );
    expect(overviewTitle('text', { name: 'Brief', content: 'A lighthouse' })).toBe('Brief');
    expect(overviewTitle('text', { content: '' })).toBe('Text');
    expect(overviewTitle('media', { filename: 'still.png' })).toBe('still.png');
    expect(overviewTitle('group', { name: 'Refs' })).toBe('Refs');
    expect(overviewTitle('group', {})).toBe('Group');
    expect(overviewTitle('imageGenerator', { prompt: 'A tower at dusk' })).toBe('A tower at dusk');
    expect(overviewTitle('imageGenerator', { model: 'flux-schnell' })).toBe('Image generator · Flux Schnell');
    expect(overviewTitle('speech', { text: 'Every night' })).toBe('Every night');
    expect(overviewTitle('storyboard', { concept: 'The last night' })).toBe('The last night');
    expect(overviewTitle('sticker', { emoji: '🌊' })).toBe('🌊');
    expect(overviewTitle('videoGenerator', {})).toBe('Video generator');
    expect(overviewTitle('futureNode', {})).toBe('futureNode');
  });

  it('never fails on values of the wrong type', () => {
    expect(overviewTitle('text', { content: ['x'] })).toBe('Text');
    expect(overviewTitle('imageGenerator', { prompt: 42, name: 7 })).toBe('Image generator');
  });

  it('cuts long text', () => {
    const title = overviewTitle('stickyNote', { content: 'x'.repeat(200) });
    expect(title.length).toBe(48);
    expect(title.endsWith('…')).toBe(true);
  });
});
