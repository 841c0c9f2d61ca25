import { describe, expect, it } from 'vitest';
import type { CopyReport } from '../bindings/CopyReport';
import {
  backendLabel,
  checkFacts,
  describeDatabaseError,
  hidePasswords,
  moveFailureText,
  reportFacts,
  tlsWarning,
} from './database-describe';

const check = { serverVersion: 'PostgreSQL 16.4', schemaVersion: 3, canvases: 12, tls: true };

describe('database wording', () => {
  it('explains failed connections by code', () => {
    expect(
      describeDatabaseError({
        code: 'access_denied',
        message: 'the database server refused the login: password authentication failed for user "koda"',
      }),
    ).toBe('The server refused the login — check the user name and password in the URL.');
    expect(
      describeDatabaseError({
        code: 'unreachable',
        message: 'the database server cannot be reached: connection refused',
      }),
    ).toBe(
      'Can’t reach the server — check the host and port, and that this computer can connect to it. (Connection refused)',
    );
    expect(
      describeDatabaseError({
        code: 'config',
        message: 'configuration error: database "kodaa" does not exist',
      }),
    ).toBe('Database "kodaa" does not exist');
    expect(describeDatabaseError({ code: 'config', message: '' })).toBe('Check the URL and the schema name.');
    expect(describeDatabaseError({ code: 'database_too_new', message: 'schema 9' })).toContain('newer Koda');
    expect(describeDatabaseError({ code: 'disk_full', message: 'x' })).toBe(
      'The disk is full — nothing was written.',
    );
    expect(describeDatabaseError({ code: 'corrupt_database', message: "canvas 'c1' differs" })).toBe(
      "The copy did not match the original, so nothing was switched. Canvas 'c1' differs",
    );
  });

  it('never repeats a password from a message', () => {
    expect(hidePasswords('cannot parse postgres://koda:hunter2@db.example.com/koda')).toBe(
      'cannot parse postgres://koda:***@db.example.com/koda',
    );
    expect(hidePasswords("host=db password='a b' user=koda")).toBe('host=db password=*** user=koda');
    expect(
      describeDatabaseError({
        code: 'config',
        message: 'configuration error: invalid URL postgres://me:pw@h/db?password=pw2',
      }),
    ).toBe('Invalid URL postgres://me:***@h/db?password=***');
  });

  it('words what Test connection found', () => {
    expect(checkFacts(check)).toEqual([
      'PostgreSQL 16.4',
      'Encrypted (TLS)',
      '12 canvases already there (kept)',
    ]);
    expect(checkFacts({ ...check, canvases: 1, tls: false })[1]).toBe('Not encrypted');
    expect(checkFacts({ ...check, canvases: 1 })[2]).toBe('1 canvas already there (kept)');
    expect(checkFacts({ ...check, canvases: 0 })[2]).toBe('No canvases yet');
    expect(checkFacts({ ...check, canvases: 0, schemaVersion: 0 })[2]).toBe(
      'No Koda data yet — Koda sets it up',
    );
  });

  it('warns about unencrypted connections to other computers only', () => {
    const plain = { ...check, tls: false };
    expect(tlsWarning(plain, 'postgres://koda:pw@db.example.com/koda')).toContain('sslmode=require');
    expect(tlsWarning(plain, 'postgres://koda:pw@localhost/koda')).toBeNull();
    expect(tlsWarning(check, 'postgres://koda:pw@db.example.com/koda')).toBeNull();
  });

  it('sums up a move', () => {
    const report: CopyReport = {
      canvases: 14,
      skipped: 2,
      replaced: 0,
      nodes: 1234,
      edges: 1,
      assets: 5,
      generations: 0,
      verified: true,
    };
    expect(reportFacts(report)).toEqual([
      '12 canvases copied',
      '2 already there',
      '1,234 nodes',
      '1 connection',
      '5 media items',
      '0 generations',
    ]);
    expect(reportFacts({ ...report, canvases: 1, skipped: 0 })[0]).toBe('1 canvas copied');
    // Moving back replaces canvases the file held from before the move.
    expect(reportFacts({ ...report, canvases: 5, skipped: 1, replaced: 3 }).slice(0, 3)).toEqual([
      '1 canvas copied',
      '3 updated to newer versions',
      '1 already there',
    ]);
    expect(moveFailureText('Can’t reach the server.', 'sqlite')).toBe(
      'Couldn’t move: Can’t reach the server. Nothing was switched — Koda still uses the file on this computer.',
    );
    expect(moveFailureText('', 'postgres')).toBe(
      'Couldn’t move: Something went wrong. Nothing was switched — Koda still uses the server.',
    );
  });

  it('names the backends', () => {
    expect(backendLabel('postgres')).toBe('Team · PostgreSQL');
    expect(backendLabel('sqlite')).toBe('Local · SQLite');
  });
});
