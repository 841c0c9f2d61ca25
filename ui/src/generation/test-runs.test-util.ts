import type { GenerationRecord } from '../bindings/GenerationRecord';

/** A run row as the app sends it, with what a test cares about. */
export function run(
  id: string,
  extra: Partial<GenerationRecord> & { cost?: number; sent?: boolean } = {},
): GenerationRecord {
  const { cost, sent = true, ...rest } = extra;
  return {
    id,
    canvasId: 'c1',
    nodeId: 'n1',
    model: 'flux-pro',
    prompt: 'a lighthouse',
    status: 'completed',
    createdAt: Date.UTC(2026, 10, 15),
    run: {
      provider: 'fal',
      endpoint: 'fal-ai/flux-pro/v1.1',
      attempts: sent ? 1 : 0,
      costUsd: cost ?? 0.04,
      ...(sent ? { requestId: `req-${id}` } : {}),
    },
    ...rest,
  };
}
