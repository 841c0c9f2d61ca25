/**
 * How runs read to a person: where a run is (queued, waiting for the network, at fal, running,
 * done), what went wrong by error code (never by message text), money, durations and where a
 * key is kept. Pure: the node cards, History and Settings all word runs through here.
 */
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { GenerationRecord } from '../bindings/GenerationRecord';
import type { KeyLocation } from '../bindings/KeyLocation';

/**
 * Where a run is, finer than its stored status: a `pending` run is waiting its turn in Koda's
 * queue, waiting for the network, or being sent; `submitted` is in fal's queue.
 */
export type RunPhase =
  'queued' | 'offline' | 'sending' | 'provider-queue' | 'running' | 'completed' | 'failed' | 'canceled';

export interface PhaseContext {
  /** The run went back to waiting after trying to send: no network. */
  offline: boolean;
  /** Its place in Koda's own queue (`Spend.waiting`), -1 when not waiting there. */
  waitingIndex: number;
}

export function isOpen(run: Pick<GenerationRecord, 'status'>): boolean {
  return run.status === 'pending' || run.status === 'submitted' || run.status === 'processing';
}

export function runPhase(run: GenerationRecord, context: PhaseContext): RunPhase {
  switch (run.status) {
    case 'pending':
      if (context.offline || run.run?.errorCode === 'unreachable') return 'offline';
      return context.waitingIndex >= 0 ? 'queued' : 'sending';
    case 'submitted':
      return 'provider-queue';
    case 'processing':
      return 'running';
    default:
      return run.status;
  }
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** One short line for a run's phase ("Queued · 2nd in line", "In line at fal · 3 ahead"). */
export function phaseLabel(phase: RunPhase, run: GenerationRecord, context: PhaseContext): string {
  switch (phase) {
    case 'queued':
      return context.waitingIndex <= 0
        ? 'Queued · next up'
        : `Queued · ${ordinal(context.waitingIndex + 1)} in line`;
    case 'offline':
      return 'Waiting for connection';
    case 'sending':
      return 'Sending to fal…';
    case 'provider-queue': {
      const ahead = run.run?.queuePosition;
      if (ahead === undefined || ahead === null) return 'Queued at fal';
      return ahead <= 0 ? 'Next up at fal' : `In line at fal · ${ahead} ahead`;
    }
    case 'running':
      return 'Generating';
    case 'completed':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'canceled':
      return 'Canceled';
  }
}

/** What a person can do about an error: fix Settings, try the same run again, or change the node. */
export type ErrorRemedy = 'settings' | 'retry' | 'edit';

export interface DescribedError {
  code: string;
  title: string;
  /** The reason in plain words (fal's own reason for a refused input). */
  detail: string;
  remedy: ErrorRemedy;
}

/** Prefixes the Rust error messages put before the reason (koda-core `StoreError` Display). */
const MESSAGE_PREFIXES = [
  /^the AI provider refused this input:\s*/i,
  /^the AI provider refused the API key:\s*/i,
  /^the AI provider needs billing attention:\s*/i,
  /^no answer in time:\s*/i,
  /^invalid input at [^:]*:\s*/i,
  /^configuration error:\s*/i,
  /^the server cannot be reached:\s*/i,
];

/** The reason inside an error message, without the kind of error before it, as a sentence. */
export function reasonOf(message: string | undefined): string {
  let text = (message ?? '').trim();
  for (const prefix of MESSAGE_PREFIXES) text = text.replace(prefix, '');
  if (!text) return '';
  text = text[0].toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** A run's error (or a refused start) as a title, a reason and what to do, by code. */
export function describeGenerationError(error: ErrorPayload): DescribedError {
  const reason = reasonOf(error.message);
  const code = error.code;
  switch (code) {
    case 'bad_key':
      return /no fal key/i.test(error.message)
        ? {
            code,
            title: 'No fal key yet',
            detail: 'Add your fal key in Settings → AI providers, then retry.',
            remedy: 'settings',
          }
        : {
            code,
            title: 'fal refused the API key',
            detail: 'Check or replace your fal key in Settings → AI providers, then retry.',
            remedy: 'settings',
          };
    case 'billing':
      return {
        code,
        title: 'fal needs billing attention',
        detail: 'Add credit or check billing on fal.ai, then retry.',
        remedy: 'retry',
      };
    case 'input_refused':
      return {
        code,
        title: 'fal refused this input',
        detail: reason || 'Change the prompt or the inputs and generate again.',
        remedy: 'edit',
      };
    case 'unreachable':
      return {
        code,
        title: 'Waiting for connection',
        detail: 'Koda sends the run as soon as the network is back.',
        remedy: 'retry',
      };
    case 'timeout':
      return {
        code,
        title: 'No answer in time',
        detail: reason || 'fal took too long to answer. Retry, or let Koda follow it again later.',
        remedy: 'retry',
      };
    case 'remote':
      return {
        code,
        title: 'fal reported a problem',
        detail: reason || 'Try again in a moment.',
        remedy: 'retry',
      };
    case 'budget_reached':
      return {
        code,
        title: 'Monthly cap reached',
        detail: reason || 'This run would pass your monthly cap. Raise it in Settings → AI providers.',
        remedy: 'settings',
      };
    case 'invalid_input':
      return {
        code,
        title: 'Can’t run this node',
        detail: reason || 'Something about this node’s settings or inputs is not right.',
        remedy: 'edit',
      };
    case 'not_found':
      return {
        code,
        title: 'Not found',
        detail: reason || 'The canvas or run no longer exists.',
        remedy: 'edit',
      };
    default:
      return { code, title: 'Generation failed', detail: reason || 'Something went wrong.', remedy: 'retry' };
  }
}

/** A failed run's error payload (its stored code and message). */
export function runError(run: GenerationRecord): ErrorPayload {
  return { code: run.run?.errorCode ?? 'unknown', message: run.errorMessage ?? '' };
}

/** Dollars as a person reads them: "$1.20", "$0.08", "$0.003", "<$0.001". */
export function formatUsd(usd: number | undefined | null): string {
  if (usd === undefined || usd === null || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0.00';
  if (usd >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  if (usd >= 0.001) return `$${usd.toFixed(3)}`;
  return '<$0.001';
}

/** How long a run took: "0.8 s", "12 s", "2 min 5 s", "1 h 4 min". */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = Math.round(seconds - minutes * 60);
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes - hours * 60;
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
}

/** A running clock: "0:07", "12:45", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Where the fal key is kept, for Settings. */
export function keyLocationLabel(location: KeyLocation): string {
  switch (location) {
    case 'keychain':
      return 'Stored in the system keychain';
    case 'sealedFile':
      return 'Stored sealed in Koda’s data folder (no keychain service on this computer)';
    case 'environment':
      return 'From the FAL_KEY environment variable, which overrides a stored key';
  }
}

/** A key test's answer, worded by code. */
export function describeKeyTest(error: ErrorPayload | null): string {
  if (!error) return 'The key works';
  switch (error.code) {
    case 'bad_key':
      return /no fal key/i.test(error.message) ? 'No key to test: type one first' : 'fal refused this key';
    case 'unreachable':
      return 'Can’t reach fal — check the connection';
    case 'billing':
      return 'The key works, but fal needs billing attention';
    case 'timeout':
      return 'fal did not answer in time — try again';
    default:
      return reasonOf(error.message) || 'The key could not be tested';
  }
}

/**
 * A typed dollar amount (the monthly cap): `null` for empty (no cap), `undefined` when it is not
 * an amount; "$20", "20.5", "1,000" are read; never negative; cents at most.
 */
export function parseUsd(text: string): number | null | undefined {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '').trim();
  if (cleaned === '') return null;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(cleaned)) return undefined;
  return Math.round(Number.parseFloat(cleaned) * 100) / 100;
}
