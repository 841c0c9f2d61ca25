import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../bindings/SyncStatus';
import { describeSyncError, syncBadgeLabel, syncStateOf, syncStatusLine } from './sync-describe';

const now = 1_000_000_000;
const status = (change: Partial<SyncStatus>): SyncStatus => ({
  enabled: true,
  url: 'libsql://db.turso.io',
  hasToken: true,
  state: 'synced',
  pending: 0,
  ...change,
});

describe('sync status wording', () => {
  it('knows the five states; disabled is off whatever the engine says', () => {
    expect(syncStateOf(status({ state: 'syncing' }))).toBe('syncing');
    expect(syncStateOf(status({ enabled: false, state: 'synced' }))).toBe('off');
    expect(syncStateOf(status({ state: 'paused-by-new-version' }))).toBe('error');
  });

  it('words the badges', () => {
    expect(
      ['off', 'synced', 'syncing', 'offline', 'error'].map((state) =>
        syncBadgeLabel(status({ state, enabled: state !== 'off' })),
      ),
    ).toEqual(['Sync off', 'Synced', 'Syncing…', 'Offline', 'Sync error']);
  });

  it('says when it last synced and what is waiting', () => {
    expect(syncStatusLine(status({ lastSyncAt: now - 120_000 }), now)).toBe('Synced · last synced 2 min ago');
    expect(syncStatusLine(status({ state: 'offline', lastSyncAt: now - 5_000, pending: 3 }), now)).toBe(
      'Offline — will sync when the connection is back · last synced just now · 3 changes waiting',
    );
    expect(syncStatusLine(status({ state: 'syncing', pending: 1 }), now)).toBe('Syncing… · 1 change waiting');
    expect(syncStatusLine(status({ state: 'error', message: 'token expired' }), now)).toBe(
      'Error: token expired · not synced yet',
    );
    expect(syncStatusLine(status({ enabled: false, state: 'off' }), now)).toBe(
      'Off — canvases stay on this computer',
    );
  });

  it('explains failed connections by code', () => {
    expect(describeSyncError({ code: 'remote_too_new', message: 'schema 9' })).toContain('newer Koda');
    expect(describeSyncError({ code: 'offline', message: 'connection refused' })).toBe(
      'Can’t reach the database — check the URL and your connection. (connection refused)',
    );
    expect(
      describeSyncError({
        code: 'config',
        message: 'The URL must start with libsql://, https:// or http://',
      }),
    ).toBe('The URL must start with libsql://, https:// or http://');
    expect(describeSyncError({ code: 'remote', message: 'unauthorized' })).toBe(
      'The database refused: unauthorized',
    );
  });
});
