import type { Backend } from '../bindings/Backend';
import type { CopyReport } from '../bindings/CopyReport';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { PostgresCheck } from '../bindings/PostgresCheck';
import { describeError } from '../storage/errors';
import { isLocalServer } from './postgres-url';

/** `1 canvas`, `3 canvases`. Counts from the app may arrive as numbers or bigints. */
export function plural(count: number | bigint, one: string, many: string): string {
  const n = Number(count);
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Hides passwords in text that may quote a connection string (`user:secret@host`, `password=secret`). */
export function hidePasswords(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*):[^\s]*@/gi, '$1:***@')
    .replace(/\b(password\s*=\s*)('[^']*'|[^\s&]+)/gi, '$1***');
}

const CATEGORY_PREFIX = new RegExp(
  '^(configuration error|database error|the database server cannot be reached|' +
    'the database server refused the login|the server cannot be reached|the server refused the credentials):\\s*',
  'i',
);

/** The app's message without its category prefix ("configuration error: …"), as a sentence. */
function detail(message: string): string {
  const text = hidePasswords(message.trim()).replace(CATEGORY_PREFIX, '');
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

/** What a failed Test connection or move means, for a person. */
export function describeDatabaseError(error: ErrorPayload): string {
  const more = detail(error.message ?? '');
  switch (error.code) {
    case 'access_denied':
      return 'The server refused the login — check the user name and password in the URL.';
    case 'unreachable':
      return `Can’t reach the server — check the host and port, and that this computer can connect to it.${more ? ` (${more})` : ''}`;
    case 'config':
      return more || 'Check the URL and the schema name.';
    case 'database_too_new':
      return 'This database was set up by a newer Koda. Update Koda on this computer to use it.';
    case 'corrupt_database':
      return `The copy did not match the original, so nothing was switched. ${more}`.trim();
    case 'disk_full':
    case 'busy':
      return describeError(error);
    default:
      return more || 'Something went wrong';
  }
}

/** Short names of the two backends, for badges and the Storage section. */
export function backendLabel(backend: Backend | string): string {
  if (backend === 'postgres') return 'Team · PostgreSQL';
  if (backend === 'sqlite') return 'Local · SQLite';
  return `Local · ${backend}`;
}

/** What Test connection found, as short facts: version, encryption, what is there already. */
export function checkFacts(check: PostgresCheck): string[] {
  const encrypted = check.tls ? 'Encrypted (TLS)' : 'Not encrypted';
  let contents: string;
  if (check.schemaVersion === 0) contents = 'No Koda data yet — Koda sets it up';
  else if (check.canvases === 0) contents = 'No canvases yet';
  else contents = `${plural(check.canvases, 'canvas', 'canvases')} already there (kept)`;
  return [check.serverVersion, encrypted, contents];
}

/** A warning when the data would cross the network unencrypted, else null. */
export function tlsWarning(check: PostgresCheck, url: string): string | null {
  if (check.tls || isLocalServer(url)) return null;
  return (
    'This connection is not encrypted: the password and your canvases would cross the network ' +
    'readable by others. Add ?sslmode=require to the URL.'
  );
}

/** The counts of a finished move, as short facts. `canvases` counts new, unchanged and replaced ones. */
export function reportFacts(report: CopyReport): string[] {
  const replaced = report.replaced ?? 0;
  const copied = Math.max(report.canvases - report.skipped - replaced, 0);
  const facts = [`${plural(copied, 'canvas', 'canvases')} copied`];
  if (replaced > 0) facts.push(`${replaced.toLocaleString('en-US')} updated to newer versions`);
  if (report.skipped > 0) facts.push(`${report.skipped.toLocaleString('en-US')} already there`);
  facts.push(
    plural(report.nodes, 'node', 'nodes'),
    plural(report.edges, 'connection', 'connections'),
    plural(report.assets, 'media item', 'media items'),
    plural(report.generations, 'generation', 'generations'),
  );
  return facts;
}

/** Why a move failed, and that nothing changed: Koda stays on `stillOn`. */
export function moveFailureText(message: string, stillOn: Backend): string {
  const reason = message.trim().replace(/[.\s]*$/, '') || 'Something went wrong';
  const place = stillOn === 'postgres' ? 'the server' : 'the file on this computer';
  return `Couldn’t move: ${reason}. Nothing was switched — Koda still uses ${place}.`;
}
