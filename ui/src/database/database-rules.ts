import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import type { PostgresCheck } from '../bindings/PostgresCheck';

/** Test connection's answer, for the URL and schema it was run with (`key`). */
export type TestOutcome =
  | { state: 'testing'; key: string }
  | { state: 'ok'; key: string; check: PostgresCheck }
  | { state: 'failed'; key: string; message: string };

/** Where a move stands. */
export type MoveStage = 'idle' | 'moving' | 'moved' | 'failed';

export interface FormRules {
  status: DatabaseStatus | null;
  move: MoveStage;
  url: string;
  schema: string;
  test: TestOutcome | null;
}

/** The schema as the app wants it: null for the default. */
export function schemaOrNull(schema: string): string | null {
  return schema.trim() || null;
}

/** What a test is valid for: the URL and schema exactly as typed (an empty schema is `public`). */
export function formKey(url: string, schema: string): string {
  return JSON.stringify([url.trim(), schema.trim() || 'public']);
}

const busy = (move: MoveStage) => move === 'moving' || move === 'moved';

/** Whether this install may be moved to PostgreSQL from Settings at all (on SQLite, not set by the environment). */
export function canChooseServer(status: DatabaseStatus | null): boolean {
  return status !== null && !status.fromEnvironment && status.backend === 'sqlite';
}

/** Test connection: a URL is typed and nothing else is running. */
export function canTest(rules: FormRules): boolean {
  return (
    canChooseServer(rules.status) &&
    rules.url.trim() !== '' &&
    rules.test?.state !== 'testing' &&
    !busy(rules.move)
  );
}

/** Why "Move my canvases to this server" is disabled, or null when it may run. */
export function moveBlocker(rules: FormRules): string | null {
  const { status, test } = rules;
  if (!status) return 'Reading the database settings…';
  if (status.fromEnvironment) return 'Environment variables choose the database.';
  if (status.backend !== 'sqlite') return 'This install already uses PostgreSQL.';
  if (rules.move === 'moving') return 'Moving…';
  if (rules.move === 'moved') return 'Restart Koda to finish the move.';
  if (rules.url.trim() === '') return 'Enter the server’s URL, then test the connection.';
  if (!test) return 'Test the connection first.';
  if (test.key !== formKey(rules.url, rules.schema))
    return 'The URL or schema changed since the test — test again.';
  if (test.state === 'testing') return 'Testing the connection…';
  if (test.state === 'failed') return 'The test failed — fix the URL and test again.';
  return null;
}

export function canMove(rules: FormRules): boolean {
  return moveBlocker(rules) === null;
}

/** "Move back to this computer": on PostgreSQL chosen in Settings, nothing else running. */
export function canMoveBack(status: DatabaseStatus | null, move: MoveStage): boolean {
  return status !== null && !status.fromEnvironment && status.backend === 'postgres' && !busy(move);
}
