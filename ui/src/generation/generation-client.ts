import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { ApiKeyInfo } from '../bindings/ApiKeyInfo';
import type { AssetRecord } from '../bindings/AssetRecord';
import type { ExportResult } from '../bindings/ExportResult';
import type { GenerationRecord } from '../bindings/GenerationRecord';
import type { KeyLocation } from '../bindings/KeyLocation';
import type { RunEstimate } from '../bindings/RunEstimate';
import type { RunPlan } from '../bindings/RunPlan';
import type { Spend } from '../bindings/Spend';
import { toErrorPayload } from '../storage/errors';
import type { EnhanceKind } from './enhance-prompt';

/** Event the desktop app emits on every change of a run, carrying its `GenerationRecord`. */
export const GENERATION_EVENT = 'koda://generation';

/** The key name fal's key is kept under. */
export const FAL_KEY = 'fal';

/**
 * Generation as the desktop app offers it (koda-generate behind Tauri commands). The app reads
 * the canvas as stored: callers save pending edits before `estimate`, `start`, `plan`, `runAll`.
 * Every method rejects with `{code, message}`. A key goes in once and never comes back out.
 */
export interface GenerationBackend {
  estimate(canvasId: string, nodeId: string): Promise<RunEstimate>;
  /** Records the run (`pending`) and queues it; progress arrives through `onRun`. */
  start(canvasId: string, nodeId: string): Promise<GenerationRecord>;
  plan(canvasId: string, selection?: string[]): Promise<RunPlan>;
  runAll(canvasId: string, selection?: string[]): Promise<RunPlan>;
  cancel(id: string): Promise<GenerationRecord>;
  /** A new run with the same model, parameters and inputs as `id`. */
  retry(id: string): Promise<GenerationRecord>;
  /** Runs of a canvas, or of every canvas, newest first. */
  list(canvasId?: string, limit?: number): Promise<GenerationRecord[]>;
  spend(): Promise<Spend>;
  /** Asset rows (for run thumbnails: a run's result asset ids → their files). */
  listAssets(canvasId?: string): Promise<AssetRecord[]>;
  listKeys(): Promise<ApiKeyInfo[]>;
  setKey(name: string, key: string): Promise<KeyLocation>;
  removeKey(name: string): Promise<void>;
  /** Resolves when the key (the typed one, else the stored fal key) works. */
  testKey(key?: string): Promise<void>;
  /**
   * Writes a stored file (by SHA-256) out for the person: `save_asset`, which the app answers
   * with where the file went. Not every version of the app has it yet.
   */
  saveAsset(sha256: string, filename: string): Promise<ExportResult>;
  /** A richer prompt written from `text` for a `kind` of output (`invalid_input` when empty). */
  enhancePrompt(text: string, kind: EnhanceKind): Promise<{ suggestion: string }>;
  /** Changes of runs pushed by the app. Returns an unsubscribe function. */
  onRun(callback: (run: GenerationRecord) => void): () => void;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    // The arguments (which may hold a key) are never part of what is thrown or logged.
    throw toErrorPayload(error);
  }
}

/** The desktop app's `generation_*`, `api_key*` and `list_assets` commands. */
export function tauriGenerationBackend(): GenerationBackend {
  return {
    estimate: (canvasId, nodeId) => call<RunEstimate>('generation_estimate', { canvasId, nodeId }),
    start: (canvasId, nodeId) => call<GenerationRecord>('generation_start', { canvasId, nodeId }),
    plan: (canvasId, selection) =>
      call<RunPlan>('generation_plan', { canvasId, selection: selection ?? null }),
    runAll: (canvasId, selection) =>
      call<RunPlan>('generation_run_all', { canvasId, selection: selection ?? null }),
    cancel: (id) => call<GenerationRecord>('generation_cancel', { id }),
    retry: (id) => call<GenerationRecord>('generation_retry', { id }),
    list: (canvasId, limit) =>
      call<GenerationRecord[]>('generation_list', { canvasId: canvasId ?? null, limit: limit ?? null }),
    spend: () => call<Spend>('generation_spend'),
    listAssets: (canvasId) => call<AssetRecord[]>('list_assets', { canvasId: canvasId ?? null }),
    listKeys: () => call<ApiKeyInfo[]>('api_keys_list'),
    setKey: (name, key) => call<KeyLocation>('api_key_set', { name, key }),
    removeKey: async (name) => {
      await call<null>('api_key_remove', { name });
    },
    testKey: async (key) => {
      await call<null>('api_key_test', { key: key ?? null });
    },
    saveAsset: (sha256, filename) => call<ExportResult>('save_asset', { sha256, filename }),
    enhancePrompt: (text, kind) => call<{ suggestion: string }>('generation_enhance_prompt', { text, kind }),
    onRun: (callback) => followEvent<GenerationRecord>(GENERATION_EVENT, callback),
  };
}
