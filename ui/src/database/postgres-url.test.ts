import { describe, expect, it } from 'vitest';
import { isLocalServer, serverHosts } from './postgres-url';

describe('PostgreSQL server hosts', () => {
  it('reads the host out of URLs, past passwords holding @ and /', () => {
    expect(serverHosts('postgres://koda:s3cret@db.example.com:5432/koda?sslmode=require')).toEqual([
      'db.example.com',
    ]);
    expect(serverHosts('postgresql://koda:p@ss/w0rd@Aws-0-EU.pooler.supabase.com:6543/postgres')).toEqual([
      'aws-0-eu.pooler.supabase.com',
    ]);
    expect(serverHosts('postgres://a:b@[::1]:5432/koda')).toEqual(['::1']);
    expect(serverHosts('postgres://h1:5432,h2:5433/koda')).toEqual(['h1', 'h2']);
    expect(serverHosts('postgres:///koda?host=%2Fvar%2Frun%2Fpostgresql')).toEqual(['/var/run/postgresql']);
  });

  it('reads host= from key/value strings; none means the local socket', () => {
    expect(serverHosts("host=db.internal port=5432 dbname=koda password='x y'")).toEqual(['db.internal']);
    expect(serverHosts('dbname=koda user=me')).toEqual(['']);
  });

  it('knows which servers are this computer', () => {
    for (const url of [
      'postgres://me:pw@localhost/koda',
      'postgres://127.0.0.1:5432/koda',
      'postgres://[::1]/koda',
      'postgres:///koda',
      'postgres://koda.localhost/koda',
      'host=/tmp dbname=koda',
    ]) {
      expect(isLocalServer(url), url).toBe(true);
    }
    for (const url of [
      'postgres://me:pw@db.neon.tech/koda',
      'postgres://localhost.evil.com/koda',
      'postgres://localhost,db.example.com/koda',
      'postgres://10.0.0.5/koda',
      'not a url',
    ]) {
      expect(isLocalServer(url), url).toBe(false);
    }
  });
});
