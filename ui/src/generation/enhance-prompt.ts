/**
 * Enhance prompt: the app rewrites a node's words into a richer prompt
 * (`generation_enhance_prompt`), shown beside the original until it is accepted or discarded.
 * Pure: the suggestion's state and errors worded by code.
 */
import type { ErrorPayload } from '../bindings/ErrorPayload';
import { reasonOf } from './generation-describe';

/** What the words are for, which the app tunes the suggestion to. */
export type EnhanceKind = 'image' | 'video' | 'music' | 'speech' | 'text';

/** One node's Enhance: idle, asking, a suggestion to accept or discard, or why there is none. */
export type EnhanceState =
  | { phase: 'idle'; asked: number }
  | { phase: 'loading'; asked: number }
  | { phase: 'suggestion'; asked: number; suggestion: string }
  | { phase: 'error'; asked: number; error: ErrorPayload };

export type EnhanceEvent =
  | { type: 'ask' }
  | { type: 'answer'; asked: number; suggestion: string }
  | { type: 'fail'; asked: number; error: ErrorPayload }
  | { type: 'close' };

export const ENHANCE_IDLE: EnhanceState = { phase: 'idle', asked: 0 };

/**
 * Each ask is numbered; an answer to an older ask (or one arriving after Discard) is dropped,
 * so a slow reply never replaces what the person now sees.
 */
export function enhanceReducer(state: EnhanceState, event: EnhanceEvent): EnhanceState {
  switch (event.type) {
    case 'ask':
      return { phase: 'loading', asked: state.asked + 1 };
    case 'answer':
      if (state.phase !== 'loading' || event.asked !== state.asked) return state;
      return event.suggestion.trim()
        ? { phase: 'suggestion', asked: state.asked, suggestion: event.suggestion.trim() }
        : {
            phase: 'error',
            asked: state.asked,
            error: { code: 'remote', message: 'no suggestion came back' },
          };
    case 'fail':
      if (state.phase !== 'loading' || event.asked !== state.asked) return state;
      return { phase: 'error', asked: state.asked, error: event.error };
    case 'close':
      return { phase: 'idle', asked: state.asked };
  }
}

/** An Enhance error as a title and a reason, by code. */
export function describeEnhanceError(error: ErrorPayload): { title: string; detail: string } {
  const reason = reasonOf(error.message);
  switch (error.code) {
    case 'invalid_input':
      return { title: 'Nothing to enhance', detail: 'Type a few words first, then enhance them.' };
    case 'bad_key':
      return /no fal key/i.test(error.message)
        ? { title: 'No fal key yet', detail: 'Add your fal key in Settings → AI providers.' }
        : {
            title: 'The API key was refused',
            detail: reason || 'Check your key in Settings → AI providers.',
          };
    case 'billing':
      return { title: 'Billing needs attention', detail: reason || 'Add credit or check billing on fal.ai.' };
    case 'unreachable':
      return { title: 'Can’t reach the AI provider', detail: 'Check the connection, then try again.' };
    case 'timeout':
      return { title: 'No answer in time', detail: reason || 'Try again in a moment.' };
    case 'remote':
      return { title: 'The AI provider reported a problem', detail: reason || 'Try again in a moment.' };
    default:
      return { title: 'Couldn’t enhance', detail: reason || 'Something went wrong.' };
  }
}
