import type { ErrorPayload } from '../bindings/ErrorPayload';

/** Error codes the backends send; the UI branches on these, never on messages. */
export type ErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'too_large'
  | 'database_too_new'
  | 'corrupt_database'
  | 'damaged_file'
  | 'busy'
  | 'in_use'
  | 'disk_full'
  | 'io'
  | 'database'
  | 'config'
  | 'unreachable'
  | 'remote'
  | 'unknown';

export function storageError(code: ErrorCode, message: string): ErrorPayload {
  return { code, message };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}

/** Turns whatever a backend threw into `{code, message}`. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isErrorPayload(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'unknown', message: error.message };
  if (typeof error === 'string') return { code: 'unknown', message: error };
  return { code: 'unknown', message: 'Something went wrong' };
}

/** A sentence for a person, by code; falls back to the backend's message. */
export function describeError(error: ErrorPayload): string {
  switch (error.code) {
    case 'disk_full':
      return 'The disk is full — nothing was written.';
    case 'busy':
      return 'Storage is busy in another Koda window. Try again in a moment.';
    case 'database_too_new':
      return 'This data was written by a newer Koda. Update Koda to open it.';
    case 'not_found':
      return 'That canvas no longer exists.';
    case 'too_large':
      return error.message || 'This is too large to save.';
    default:
      return error.message;
  }
}
