import { describe, expect, it } from 'vitest';
import { reloadNotice } from './reload-notice';

describe('reloadNotice', () => {
  it('says the edits were kept after a conflict or a sync that rebased them', () => {
    expect(reloadNotice('conflict', true)).toBe('Updated from another device — your edits were kept');
    expect(reloadNotice('synced', true)).toBe('Updated from another device — your edits were kept');
  });

  it('follows other devices quietly, and names other windows', () => {
    expect(reloadNotice('synced', false)).toBeNull();
    expect(reloadNotice('external', false)).toBe('Updated with changes made elsewhere');
    expect(reloadNotice('external', true)).toBe('Updated with changes made elsewhere — your edits were kept');
  });
});
