import { describe, expect, it } from 'vitest';
import {
  describeGenerationError,
  describeKeyTest,
  formatDuration,
  formatElapsed,
  formatUsd,
  keyLocationLabel,
  ordinal,
  parseUsd,
  phaseLabel,
  reasonOf,
  runError,
  runPhase,
} from './generation-describe';
import { run } from './test-runs.test-util';

const none = { offline: false, waitingIndex: -1 };

describe('run phases', () => {
  it('tells the ways a pending run waits apart', () => {
    const pending = run('r', { status: 'pending', sent: false });
    expect(runPhase(pending, { offline: false, waitingIndex: 2 })).toBe('queued');
    expect(phaseLabel('queued', pending, { offline: false, waitingIndex: 2 })).toBe('Queued · 3rd in line');
    expect(phaseLabel('queued', pending, { offline: false, waitingIndex: 0 })).toBe('Queued · next up');
    expect(runPhase(pending, { offline: true, waitingIndex: 0 })).toBe('offline');
    expect(phaseLabel('offline', pending, none)).toBe('Waiting for connection');
    expect(runPhase(pending, none)).toBe('sending');
    // A code the app may store on the waiting row counts too.
    const waiting = run('w', {
      status: 'pending',
      run: { provider: 'fal', endpoint: 'x', attempts: 0, errorCode: 'unreachable' },
    });
    expect(runPhase(waiting, none)).toBe('offline');
  });

  it('words fal’s queue and the rest', () => {
    const submitted = run('r', { status: 'submitted' });
    expect(runPhase(submitted, none)).toBe('provider-queue');
    expect(phaseLabel('provider-queue', submitted, none)).toBe('Queued at fal');
    expect(
      phaseLabel('provider-queue', { ...submitted, run: { ...submitted.run!, queuePosition: 3 } }, none),
    ).toBe('In line at fal · 3 ahead');
    expect(
      phaseLabel('provider-queue', { ...submitted, run: { ...submitted.run!, queuePosition: 0 } }, none),
    ).toBe('Next up at fal');
    expect(runPhase(run('p', { status: 'processing' }), none)).toBe('running');
    expect(runPhase(run('f', { status: 'failed' }), none)).toBe('failed');
  });

  it('counts in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});

describe('errors by code', () => {
  it('says what to do for each code', () => {
    expect(
      describeGenerationError({
        code: 'bad_key',
        message:
          'the AI provider refused the API key: no fal key yet: add one in Settings → AI providers (or set FAL_KEY)',
      }),
    ).toMatchObject({ title: 'No fal key yet', remedy: 'settings' });
    expect(
      describeGenerationError({ code: 'bad_key', message: 'the AI provider refused the API key: 401' }),
    ).toMatchObject({ title: 'fal refused the API key', remedy: 'settings' });
    expect(describeGenerationError({ code: 'billing', message: 'x' }).remedy).toBe('retry');
    expect(describeGenerationError({ code: 'unreachable', message: 'x' }).title).toBe(
      'Waiting for connection',
    );
    expect(
      describeGenerationError({ code: 'timeout', message: 'no answer in time: fal took 30 min' }).detail,
    ).toBe('Fal took 30 min.');
  });

  it('keeps fal’s reason for a refused input, without the prefix', () => {
    const described = describeGenerationError({
      code: 'input_refused',
      message: 'the AI provider refused this input: the prompt was flagged by the content checker',
    });
    expect(described).toMatchObject({
      title: 'fal refused this input',
      detail: 'The prompt was flagged by the content checker.',
      remedy: 'edit',
    });
  });

  it('passes the cap message and an invalid node’s reason through', () => {
    const cap = describeGenerationError({
      code: 'budget_reached',
      message:
        'this run (~$0.15) would pass your monthly cap of $1.00 ($0.90 spent this month); raise the cap in Settings → AI providers',
    });
    expect(cap.title).toBe('Monthly cap reached');
    expect(cap.detail).toContain('would pass your monthly cap of $1.00');
    const invalid = describeGenerationError({
      code: 'invalid_input',
      message: 'invalid input at prompt: the node has no prompt: type one, or connect a text node to it',
    });
    expect(invalid.detail).toBe('The node has no prompt: type one, or connect a text node to it.');
    expect(describeGenerationError({ code: 'weird', message: '' })).toMatchObject({
      title: 'Generation failed',
      detail: 'Something went wrong.',
    });
  });

  it('reads a failed run’s stored code and message', () => {
    expect(
      runError(
        run('r', {
          status: 'failed',
          errorMessage: 'boom',
          run: { provider: 'fal', endpoint: 'e', attempts: 1, errorCode: 'remote' },
        }),
      ),
    ).toEqual({ code: 'remote', message: 'boom' });
    expect(reasonOf('  ')).toBe('');
  });

  it('words key tests', () => {
    expect(describeKeyTest(null)).toBe('The key works');
    expect(describeKeyTest({ code: 'bad_key', message: 'the AI provider refused the API key: 401' })).toBe(
      'fal refused this key',
    );
    expect(describeKeyTest({ code: 'bad_key', message: 'no fal key is stored yet' })).toBe(
      'No key to test: type one first',
    );
    expect(describeKeyTest({ code: 'unreachable', message: '' })).toContain('Can’t reach fal');
    expect(keyLocationLabel('keychain')).toBe('Stored in the system keychain');
    expect(keyLocationLabel('environment')).toContain('FAL_KEY');
  });
});

describe('numbers', () => {
  it('formats money', () => {
    expect([0, 0.0002, 0.003, 0.0456, 0.08, 1.2, 12.345, 1234.5].map(formatUsd)).toEqual([
      '$0.00',
      '<$0.001',
      '$0.003',
      '$0.05',
      '$0.08',
      '$1.20',
      '$12.35',
      '$1,235',
    ]);
    expect(formatUsd(undefined)).toBe('—');
  });

  it('formats durations and a running clock', () => {
    expect([800, 12_400, 125_000, 3_600_000, 3_840_000].map(formatDuration)).toEqual([
      '0.8 s',
      '12 s',
      '2 min 5 s',
      '1 h',
      '1 h 4 min',
    ]);
    expect(formatDuration(undefined)).toBe('—');
    expect([7_000, 65_000, 3_723_000].map(formatElapsed)).toEqual(['0:07', '1:05', '1:02:03']);
  });
});

describe('typed amounts', () => {
  it('reads a cap, empty as none, nonsense as nothing', () => {
    expect(['20', '$20', ' 20.5 ', '1,000', '.5', '3.456', ''].map(parseUsd)).toEqual([
      20,
      20,
      20.5,
      1000,
      0.5,
      3.46,
      null,
    ]);
    expect(['-5', 'abc', '1.2.3'].map(parseUsd)).toEqual([undefined, undefined, undefined]);
  });
});
