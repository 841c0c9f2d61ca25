import { describe, expect, it } from 'vitest';
import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import {
  canMove,
  canMoveBack,
  canTest,
  formKey,
  moveBlocker,
  schemaOrNull,
  type FormRules,
} from './database-rules';

const sqlite: DatabaseStatus = { backend: 'sqlite', fromEnvironment: false, personId: 'p1' };
const postgres: DatabaseStatus = {
  backend: 'postgres',
  fromEnvironment: false,
  displayUrl: 'postgres://koda:***@db.example.com/koda',
  personId: 'p1',
};
const url = 'postgres://koda:pw@db.example.com/koda';
const check = { serverVersion: 'PostgreSQL 16', schemaVersion: 0, canvases: 0, tls: true };
const rules = (change: Partial<FormRules> = {}): FormRules => ({
  status: sqlite,
  move: 'idle',
  url,
  schema: '',
  test: { state: 'ok', key: formKey(url, ''), check },
  ...change,
});

describe('database buttons', () => {
  it('moves only after a test succeeded for the exact URL and schema typed', () => {
    expect(canMove(rules())).toBe(true);
    expect(moveBlocker(rules({ test: null }))).toBe('Test the connection first.');
    expect(moveBlocker(rules({ url: `${url}x` }))).toBe(
      'The URL or schema changed since the test — test again.',
    );
    expect(moveBlocker(rules({ schema: 'team' }))).toBe(
      'The URL or schema changed since the test — test again.',
    );
    expect(moveBlocker(rules({ test: { state: 'failed', key: formKey(url, ''), message: 'no' } }))).toBe(
      'The test failed — fix the URL and test again.',
    );
    expect(moveBlocker(rules({ test: { state: 'testing', key: formKey(url, '') } }))).toBe(
      'Testing the connection…',
    );
    expect(moveBlocker(rules({ url: '  ', test: null }))).toBe(
      'Enter the server’s URL, then test the connection.',
    );
  });

  it('treats surrounding spaces and an empty schema as the defaults', () => {
    expect(formKey(`  ${url} `, '')).toBe(formKey(url, 'public'));
    expect(canMove(rules({ url: `${url}  `, schema: ' public ' }))).toBe(true);
    expect(schemaOrNull('  ')).toBeNull();
    expect(schemaOrNull(' team ')).toBe('team');
  });

  it('holds both buttons while moving or waiting for the restart', () => {
    for (const move of ['moving', 'moved'] as const) {
      expect(canMove(rules({ move }))).toBe(false);
      expect(canTest(rules({ move }))).toBe(false);
    }
    expect(canMove(rules({ move: 'failed' }))).toBe(true);
    expect(canTest(rules({ test: { state: 'testing', key: formKey(url, '') } }))).toBe(false);
    expect(canTest(rules({ url: '' }))).toBe(false);
    expect(canTest(rules({ test: null }))).toBe(true);
  });

  it('changes nothing when environment variables chose the database', () => {
    const env = { ...sqlite, fromEnvironment: true };
    expect(canTest(rules({ status: env }))).toBe(false);
    expect(moveBlocker(rules({ status: env }))).toBe('Environment variables choose the database.');
    expect(canMoveBack({ ...postgres, fromEnvironment: true }, 'idle')).toBe(false);
  });

  it('offers moving back only on PostgreSQL', () => {
    expect(canMoveBack(postgres, 'idle')).toBe(true);
    expect(canMoveBack(postgres, 'failed')).toBe(true);
    expect(canMoveBack(postgres, 'moving')).toBe(false);
    expect(canMoveBack(sqlite, 'idle')).toBe(false);
    expect(canMoveBack(null, 'idle')).toBe(false);
    expect(moveBlocker(rules({ status: postgres }))).toBe('This install already uses PostgreSQL.');
    expect(moveBlocker(rules({ status: null }))).toBe('Reading the database settings…');
  });
});
