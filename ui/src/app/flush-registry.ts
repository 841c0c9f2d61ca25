/**
 * Whatever holds unsaved work (the open canvas's autosave queue) registers a flush here, so
 * closing the window, hiding the tab or leaving the editor can save it first.
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

export function registerFlush(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Saves everything pending; rejects if any save failed. */
export async function flushAll(): Promise<void> {
  const results = await Promise.allSettled([...flushes].map((flush) => flush()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
