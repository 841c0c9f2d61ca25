import { create } from 'zustand';
import type { ApiKeyInfo } from '../bindings/ApiKeyInfo';
import type { AssetRecord } from '../bindings/AssetRecord';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { GenerationRecord } from '../bindings/GenerationRecord';
import type { GenerationStatus } from '../bindings/GenerationStatus';
import type { KeyLocation } from '../bindings/KeyLocation';
import type { RunEstimate } from '../bindings/RunEstimate';
import type { RunPlan } from '../bindings/RunPlan';
import type { Spend } from '../bindings/Spend';
import { toErrorPayload } from '../storage/errors';
import { FAL_KEY, type GenerationBackend } from './generation-client';
import type { EnhanceKind } from './enhance-prompt';
import { isOpen } from './generation-describe';

/** Saves the open canvas's pending edits: the app reads the canvas as stored. */
export type SaveFirst = () => Promise<void>;

export interface EstimateState {
  /** What the estimate was asked for (the node's settings and inputs, see `estimateKey`). */
  key: string;
  status: 'loading' | 'ready' | 'error';
  /** The last answer (kept while a newer one loads, so the figure does not flicker). */
  estimate?: RunEstimate;
  error?: ErrorPayload;
}

/** Why Generate (or Retry) made no run, and when. */
export interface Refusal {
  error: ErrorPayload;
  at: number;
}

interface GenerationState {
  /** Null in the browser: generating needs the desktop app. */
  backend: GenerationBackend | null;
  runs: Record<string, GenerationRecord>;
  /** `nodeKey` → id of the node's newest run. */
  latest: Record<string, string>;
  /** Runs that went back to waiting after trying to send: no network. */
  offline: Record<string, true>;
  spend: Spend | null;
  /** Asset rows by id (run thumbnails), once `loadAssets` ran. */
  assets: Record<string, AssetRecord>;
  estimates: Record<string, EstimateState>;
  refused: Record<string, Refusal>;
  /** `nodeKey`s whose Generate is on its way (saving, then starting). */
  starting: Record<string, true>;
  keys: ApiKeyInfo[] | null;
  /** What `loadRuns` covered: a canvas id, or `*` for every canvas. */
  listed: Record<string, 'loading' | 'ready' | 'error'>;
  /** A node to show once its canvas is open (History → Open node). */
  focus: { canvasId: string; nodeId: string } | null;

  /** Connects to the app: follows runs and reads the spend. Returns a stop function. */
  start: (backend: GenerationBackend) => () => void;
  loadRuns: (canvasId?: string) => Promise<void>;
  refreshSpend: () => Promise<void>;
  loadAssets: (canvasId?: string) => Promise<void>;
  /** Asks for a node's estimate (after saving), unless one for the same `key` is known or coming. */
  estimate: (canvasId: string, nodeId: string, key: string, save: SaveFirst) => Promise<void>;
  /** Generate: saves, then starts a run; a refusal is kept in `refused` and returned. */
  generate: (canvasId: string, nodeId: string, save: SaveFirst) => Promise<GenerationRecord | ErrorPayload>;
  cancel: (id: string) => Promise<ErrorPayload | null>;
  /** The same run again (model, parameters, inputs); a refusal is kept on its node too. */
  retry: (id: string) => Promise<GenerationRecord | ErrorPayload>;
  plan: (canvasId: string, selection: string[] | undefined, save: SaveFirst) => Promise<RunPlan>;
  runAll: (canvasId: string, selection: string[] | undefined, save: SaveFirst) => Promise<RunPlan>;
  /** A richer prompt for `text` (the app's `generation_enhance_prompt`); rejects with `{code, message}`. */
  enhancePrompt: (text: string, kind: EnhanceKind) => Promise<string>;
  loadKeys: () => Promise<void>;
  setKey: (key: string) => Promise<KeyLocation>;
  removeKey: () => Promise<void>;
  testKey: (key?: string) => Promise<void>;
  requestFocus: (canvasId: string, nodeId: string) => void;
  clearFocus: () => void;
}

/** One node of one canvas, as a map key. */
export const nodeKey = (canvasId: string, nodeId: string) => `${canvasId}::${nodeId}`;

/** Estimates asked for at once (each reads the stored canvas in the app). */
const ESTIMATES_AT_ONCE = 2;
/** Runs listed for "every canvas". */
export const ALL_RUNS_LIMIT = 500;

function notAvailable(): ErrorPayload {
  return { code: 'config', message: 'Generating needs the Koda desktop app.' };
}

/** How far along a run is: its status never goes back (a retry is a new run). */
const STATUS_ORDER: Record<GenerationStatus, number> = {
  pending: 0,
  submitted: 1,
  processing: 2,
  completed: 3,
  failed: 3,
  canceled: 3,
};

export const useGeneration = create<GenerationState>((set, get) => {
  let spendTimer: ReturnType<typeof setTimeout> | null = null;
  let assetsTimer: ReturnType<typeof setTimeout> | null = null;
  let assetsWanted = false;
  const estimateQueue: (() => Promise<void>)[] = [];
  let estimatesRunning = 0;

  const backendOf = (): GenerationBackend => {
    const backend = get().backend;
    if (!backend) throw notAvailable();
    return backend;
  };

  /**
   * Puts runs into the maps; `fromEvent` also follows a pending run going back to waiting. A run
   * only moves forward: a command's answer can arrive after the events that followed it (a run
   * refused at once is failed before `start` has answered "pending"), and must not undo them.
   */
  const upsert = (records: GenerationRecord[], fromEvent: boolean) => {
    if (records.length === 0) return;
    const state = get();
    const runs = { ...state.runs };
    const latest = { ...state.latest };
    let offline = state.offline;
    let refused = state.refused;
    for (const record of records) {
      const previous = runs[record.id];
      if (previous && STATUS_ORDER[record.status] < STATUS_ORDER[previous.status]) continue;
      runs[record.id] = record;
      if (record.canvasId && record.nodeId) {
        const key = nodeKey(record.canvasId, record.nodeId);
        const current = latest[key] ? runs[latest[key]] : undefined;
        if (!current || current.id === record.id || current.createdAt <= record.createdAt) {
          if (latest[key] !== record.id && refused[key] && refused[key].at <= record.createdAt) {
            refused = { ...refused };
            delete refused[key];
          }
          latest[key] = record.id;
        }
      }
      if (fromEvent) {
        // The app clears `sendingAt` when a send found no network: the run waits and is tried again.
        const wentBack =
          record.status === 'pending' &&
          previous?.status === 'pending' &&
          previous.run?.sendingAt !== undefined &&
          previous.run?.sendingAt !== null &&
          !record.run?.sendingAt;
        if (wentBack && !offline[record.id]) offline = { ...offline, [record.id]: true };
      }
      if (record.status !== 'pending' && offline[record.id]) {
        offline = { ...offline };
        delete offline[record.id];
      }
    }
    set({ runs, latest, offline, refused });
  };

  // At most one read per 200 ms, never postponed by later events: a steady stream of run events
  // (every run reporting every 100 ms) would otherwise keep queue places from ever refreshing.
  const scheduleSpend = () => {
    if (spendTimer) return;
    spendTimer = setTimeout(() => {
      spendTimer = null;
      void get().refreshSpend();
    }, 200);
  };

  const scheduleAssets = () => {
    if (!assetsWanted) return;
    if (assetsTimer) clearTimeout(assetsTimer);
    assetsTimer = setTimeout(() => {
      assetsTimer = null;
      void get().loadAssets();
    }, 300);
  };

  const pumpEstimates = () => {
    while (estimatesRunning < ESTIMATES_AT_ONCE && estimateQueue.length > 0) {
      const task = estimateQueue.shift()!;
      estimatesRunning += 1;
      void task().finally(() => {
        estimatesRunning -= 1;
        pumpEstimates();
      });
    }
  };

  const refuse = (key: string | null, error: ErrorPayload) => {
    if (key) set({ refused: { ...get().refused, [key]: { error, at: Date.now() } } });
  };

  return {
    backend: null,
    runs: {},
    latest: {},
    offline: {},
    spend: null,
    assets: {},
    estimates: {},
    refused: {},
    starting: {},
    keys: null,
    listed: {},
    focus: null,

    start: (backend) => {
      set({ backend });
      const stop = backend.onRun((run) => {
        upsert([run], true);
        scheduleSpend();
        if (run.status === 'completed') scheduleAssets();
      });
      void get().refreshSpend();
      // Every canvas's recent runs: runs still going from before Koda last closed show at once.
      void get().loadRuns();
      return () => {
        stop();
        if (spendTimer) clearTimeout(spendTimer);
        if (assetsTimer) clearTimeout(assetsTimer);
        spendTimer = null;
        assetsTimer = null;
        assetsWanted = false;
        set({
          backend: null,
          runs: {},
          latest: {},
          offline: {},
          spend: null,
          assets: {},
          estimates: {},
          refused: {},
          starting: {},
          keys: null,
          listed: {},
        });
      };
    },

    loadRuns: async (canvasId) => {
      const backend = get().backend;
      if (!backend) return;
      const scope = canvasId ?? '*';
      set({ listed: { ...get().listed, [scope]: get().listed[scope] === 'ready' ? 'ready' : 'loading' } });
      try {
        const runs = await backend.list(canvasId, canvasId ? undefined : ALL_RUNS_LIMIT);
        upsert(runs, false);
        set({ listed: { ...get().listed, [scope]: 'ready' } });
      } catch (raw) {
        console.error('could not list runs', toErrorPayload(raw));
        set({ listed: { ...get().listed, [scope]: 'error' } });
      }
    },

    refreshSpend: async () => {
      const backend = get().backend;
      if (!backend) return;
      try {
        set({ spend: await backend.spend() });
      } catch (raw) {
        console.error('could not read the spend', toErrorPayload(raw));
      }
    },

    loadAssets: async (canvasId) => {
      const backend = get().backend;
      if (!backend) return;
      assetsWanted = true;
      try {
        const rows = await backend.listAssets(canvasId);
        const assets = { ...get().assets };
        for (const row of rows) assets[row.id] = row;
        set({ assets });
      } catch (raw) {
        console.error('could not list assets', toErrorPayload(raw));
      }
    },

    estimate: (canvasId, nodeId, key, save) => {
      const backend = get().backend;
      if (!backend) return Promise.resolve();
      const id = nodeKey(canvasId, nodeId);
      const known = get().estimates[id];
      if (known && known.key === key && known.status !== 'error') return Promise.resolve();
      set({ estimates: { ...get().estimates, [id]: { key, status: 'loading', estimate: known?.estimate } } });
      return new Promise<void>((resolve) => {
        estimateQueue.push(async () => {
          // A newer ask replaced this one while it waited.
          if (get().estimates[id]?.key !== key) return resolve();
          let next: EstimateState;
          try {
            await save();
            next = { key, status: 'ready', estimate: await backend.estimate(canvasId, nodeId) };
          } catch (raw) {
            next = { key, status: 'error', error: toErrorPayload(raw), estimate: undefined };
          }
          if (get().estimates[id]?.key === key) set({ estimates: { ...get().estimates, [id]: next } });
          resolve();
        });
        pumpEstimates();
      });
    },

    generate: async (canvasId, nodeId, save) => {
      const key = nodeKey(canvasId, nodeId);
      const backend = get().backend;
      if (!backend) return notAvailable();
      if (get().starting[key]) return { code: 'busy', message: 'Already starting.' };
      const refused = { ...get().refused };
      delete refused[key];
      set({ starting: { ...get().starting, [key]: true }, refused });
      try {
        await save();
        const run = await backend.start(canvasId, nodeId);
        upsert([run], false);
        scheduleSpend();
        return run;
      } catch (raw) {
        const error = toErrorPayload(raw);
        refuse(key, error);
        return error;
      } finally {
        const starting = { ...get().starting };
        delete starting[key];
        set({ starting });
      }
    },

    cancel: async (id) => {
      try {
        upsert([await backendOf().cancel(id)], false);
        scheduleSpend();
        return null;
      } catch (raw) {
        return toErrorPayload(raw);
      }
    },

    retry: async (id) => {
      const old = get().runs[id];
      const key = old?.canvasId && old.nodeId ? nodeKey(old.canvasId, old.nodeId) : null;
      try {
        const run = await backendOf().retry(id);
        upsert([run], false);
        scheduleSpend();
        return run;
      } catch (raw) {
        const error = toErrorPayload(raw);
        refuse(key, error);
        return error;
      }
    },

    plan: async (canvasId, selection, save) => {
      const backend = backendOf();
      await save();
      return backend.plan(canvasId, selection);
    },

    runAll: async (canvasId, selection, save) => {
      const backend = backendOf();
      await save();
      const plan = await backend.runAll(canvasId, selection);
      scheduleSpend();
      return plan;
    },

    enhancePrompt: async (text, kind) => {
      const backend = backendOf();
      try {
        return (await backend.enhancePrompt(text, kind)).suggestion;
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },

    loadKeys: async () => {
      const backend = get().backend;
      if (!backend) return;
      set({ keys: await backend.listKeys() });
    },

    setKey: async (key) => {
      const location = await backendOf().setKey(FAL_KEY, key);
      await get()
        .loadKeys()
        .catch(() => {});
      return location;
    },

    removeKey: async () => {
      await backendOf().removeKey(FAL_KEY);
      await get()
        .loadKeys()
        .catch(() => {});
    },

    testKey: (key) => backendOf().testKey(key),

    requestFocus: (canvasId, nodeId) => set({ focus: { canvasId, nodeId } }),
    clearFocus: () => set({ focus: null }),
  };
});

/** The newest run of a node (undefined before its first, or in the browser). */
export function latestRunOf(
  state: Pick<GenerationState, 'runs' | 'latest'>,
  canvasId: string | null,
  nodeId: string,
): GenerationRecord | undefined {
  if (!canvasId) return undefined;
  const id = state.latest[nodeKey(canvasId, nodeId)];
  return id ? state.runs[id] : undefined;
}

/** Every known run, newest first (optionally of one canvas). */
export function runsOf(runs: Record<string, GenerationRecord>, canvasId?: string): GenerationRecord[] {
  const list = Object.values(runs).filter((r) => !canvasId || r.canvasId === canvasId);
  return list.sort((a, b) => b.createdAt - a.createdAt);
}

/** Whether any run is still going. */
export function anyOpen(runs: Record<string, GenerationRecord>): boolean {
  return Object.values(runs).some(isOpen);
}
