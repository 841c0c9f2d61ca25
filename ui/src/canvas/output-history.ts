/**
 * Past outputs of a generator node. A run replaces `outputUrl` (and an image node's
 * `outputUrls`); earlier outputs are kept in `outputHistory` (a Koda Desktop field that Koda web
 * keeps untouched), oldest first, so any of them can be picked as the current one again.
 */
import { readString, readStrings } from './node-data';
import type { MediaKind } from './node-specs';

/** Types whose outputs the app writes when a run completes. */
export const GENERATOR_TYPES = [
  'imageGenerator',
  'videoGenerator',
  'musicGenerator',
  'speech',
  'videoAudio',
] as const;
export type GeneratorType = (typeof GENERATOR_TYPES)[number];

export function isGeneratorType(type: string | undefined): type is GeneratorType {
  return (GENERATOR_TYPES as readonly string[]).includes(type ?? '');
}

/** Outputs kept at most; the oldest go first. */
export const OUTPUT_HISTORY_LIMIT = 60;

/** The node's current outputs: the latest set (`outputUrls`), with `outputUrl` in it. */
export function currentOutputs(data: Record<string, unknown> | undefined): string[] {
  const current = readString(data, 'outputUrl') || undefined;
  const all = (readStrings(data, 'outputUrls') ?? []).filter(Boolean);
  if (current && !all.includes(current)) all.unshift(current);
  return all;
}

/** Every output the node has had, oldest first: the kept history, then the current set. */
export function outputHistoryOf(data: Record<string, unknown> | undefined): string[] {
  const kept = (readStrings(data, 'outputHistory') ?? []).filter(Boolean);
  const result = [...new Set(kept)];
  for (const url of currentOutputs(data)) if (!result.includes(url)) result.push(url);
  return result.slice(-OUTPUT_HISTORY_LIMIT);
}

/**
 * The node data to keep when a newer stored version (`next`) replaces `previous` (new outputs
 * arrived): `next` itself when it still holds every output `previous` had, else `next` with
 * `outputHistory` holding the outputs of both, oldest first.
 */
export function keepOutputHistory(
  previous: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const known = outputHistoryOf(previous);
  const kept = outputHistoryOf(next);
  // Nothing the node had is lost: leave the data as stored (no write).
  if (known.every((url) => kept.includes(url))) return next;
  const merged = [...known];
  for (const url of kept) if (!merged.includes(url)) merged.push(url);
  return { ...next, outputHistory: merged.slice(-OUTPUT_HISTORY_LIMIT) };
}

/**
 * Nodes as they arrive from storage, with output history kept for generators whose outputs
 * changed. `before` is what the editor showed. Unchanged nodes keep their objects; returns the
 * same array when nothing needed keeping.
 */
export function withOutputHistory<T extends { id: string; type?: string; data: Record<string, unknown> }>(
  before: readonly T[],
  after: T[],
): T[] {
  const previous = new Map(before.map((n) => [n.id, n]));
  let changed = false;
  const result = after.map((node) => {
    if (!isGeneratorType(node.type)) return node;
    const old = previous.get(node.id);
    const oldData = old?.data;
    // Only when the outputs moved: opening a canvas never writes.
    if (
      oldData &&
      readString(oldData, 'outputUrl') === readString(node.data, 'outputUrl') &&
      sameList(currentOutputs(oldData), currentOutputs(node.data))
    )
      return node;
    const data = keepOutputHistory(oldData, node.data);
    if (data === node.data) return node;
    changed = true;
    return { ...node, data };
  });
  return changed ? result : after;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

const KIND_WORDS: Record<MediaKind, string> = { image: 'image', video: 'video', audio: 'take' };

/** How many outputs a node has had, for its header ("3 images", "2 takes"); nothing for one. */
export function outputCountLabel(
  data: Record<string, unknown> | undefined,
  kind: MediaKind,
): string | undefined {
  const count = outputHistoryOf(data).length;
  return count > 1 ? `${count} ${KIND_WORDS[kind]}s` : undefined;
}

/** What a generator type makes. */
export function outputKindOf(type: GeneratorType): MediaKind {
  return type === 'imageGenerator'
    ? 'image'
    : type === 'musicGenerator' || type === 'speech'
      ? 'audio'
      : 'video';
}

/**
 * Whether a run finished on one of these generators between `before` and `after` (its
 * `lastRunId` moved): the node shows that itself, so the canvas reloads without a notice.
 */
export function runFinishedIn(
  before: readonly { id: string; type?: string; data: Record<string, unknown> }[],
  after: readonly { id: string; type?: string; data: Record<string, unknown> }[],
): boolean {
  const previous = new Map(before.map((n) => [n.id, n]));
  return after.some(
    (node) =>
      isGeneratorType(node.type) &&
      readString(node.data, 'lastRunId') !== undefined &&
      readString(node.data, 'lastRunId') !== readString(previous.get(node.id)?.data, 'lastRunId'),
  );
}
