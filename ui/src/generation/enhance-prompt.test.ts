import { describe, expect, it } from 'vitest';
import { describeEnhanceError, ENHANCE_IDLE, enhanceReducer, type EnhanceState } from './enhance-prompt';

describe('enhance prompt', () => {
  it('goes ask → suggestion → closed, trimming the suggestion', () => {
    let state: EnhanceState = enhanceReducer(ENHANCE_IDLE, { type: 'ask' });
    expect(state).toEqual({ phase: 'loading', asked: 1 });
    state = enhanceReducer(state, { type: 'answer', asked: 1, suggestion: '  A richer prompt \n' });
    expect(state).toEqual({ phase: 'suggestion', asked: 1, suggestion: 'A richer prompt' });
    expect(enhanceReducer(state, { type: 'close' })).toEqual({ phase: 'idle', asked: 1 });
  });

  it('drops answers to an older ask, or after Discard', () => {
    const first = enhanceReducer(ENHANCE_IDLE, { type: 'ask' });
    const second = enhanceReducer(first, { type: 'ask' });
    expect(enhanceReducer(second, { type: 'answer', asked: 1, suggestion: 'old' })).toBe(second);
    expect(enhanceReducer(second, { type: 'fail', asked: 1, error: { code: 'timeout', message: 'x' } })).toBe(
      second,
    );
    const closed = enhanceReducer(second, { type: 'close' });
    expect(enhanceReducer(closed, { type: 'answer', asked: 2, suggestion: 'late' })).toBe(closed);
  });

  it('keeps a failure, and treats an empty answer as one', () => {
    const loading = enhanceReducer(ENHANCE_IDLE, { type: 'ask' });
    expect(
      enhanceReducer(loading, { type: 'fail', asked: 1, error: { code: 'billing', message: 'm' } }),
    ).toMatchObject({ phase: 'error', error: { code: 'billing' } });
    expect(enhanceReducer(loading, { type: 'answer', asked: 1, suggestion: '  ' })).toMatchObject({
      phase: 'error',
      error: { code: 'remote' },
    });
  });

  it('words errors by code', () => {
    expect(
      describeEnhanceError({ code: 'invalid_input', message: 'invalid input at text: the text is empty' })
        .title,
    ).toBe('Nothing to enhance');
    expect(
      describeEnhanceError({
        code: 'bad_key',
        message: 'the AI provider refused the API key: no fal key yet',
      }).title,
    ).toBe('No fal key yet');
    expect(
      describeEnhanceError({
        code: 'bad_key',
        message: 'the AI provider refused the API key: 401 Unauthorized',
      }).detail,
    ).toBe('401 Unauthorized.');
    expect(
      describeEnhanceError({ code: 'unreachable', message: 'the server cannot be reached: dns' }).title,
    ).toBe('Can’t reach the AI provider');
    expect(describeEnhanceError({ code: 'timeout', message: 'no answer in time: after 30 s' }).detail).toBe(
      'After 30 s.',
    );
    expect(describeEnhanceError({ code: 'remote', message: 'fal answered 500' }).detail).toBe(
      'Fal answered 500.',
    );
    expect(describeEnhanceError({ code: 'billing', message: '' }).detail).toContain('billing');
    expect(describeEnhanceError({ code: 'weird', message: '' }).title).toBe('Couldn’t enhance');
  });
});
