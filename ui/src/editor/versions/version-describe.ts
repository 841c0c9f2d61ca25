/** Words and times the Versions panel shows for a version. */
import type { VersionInfo } from '../../bindings/VersionInfo';

/** Edit / Import / Sync from <device> / Restore / Teammate. */
export function sourceLabel(version: Pick<VersionInfo, 'source' | 'device'>): string {
  switch (version.source) {
    case 'import':
      return 'Import';
    case 'sync':
      return version.device ? `Sync from ${version.device}` : 'Sync';
    case 'restore':
      return 'Restore';
    case 'teammate':
      return version.device ? `Teammate · ${version.device}` : 'Teammate';
    default:
      return 'Edit';
  }
}

/** Why the version was kept, for its tooltip. */
export function sourceHint(version: Pick<VersionInfo, 'source' | 'device'>): string {
  switch (version.source) {
    case 'import':
      return 'The canvas before an import replaced it';
    case 'sync':
      return `The canvas before a sync${version.device ? ` from ${version.device}` : ''} replaced it`;
    case 'restore':
      return 'The canvas before a restore replaced it';
    case 'teammate':
      return `The canvas before ${version.device ?? 'a teammate'} changed it`;
    default:
      return 'Kept when your edits settled';
  }
}

const startOfDay = (t: number) => {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** "14:02" in the person's locale. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** The full date and time, for tooltips. */
export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}

/** "Today", "Yesterday", else "Mon, 3 Nov" (with the year when it is not this year). */
export function dayLabel(at: number, now: number = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** "today at 14:02", "yesterday at 09:15", "Mon, 3 Nov at 18:40". */
export function versionMoment(at: number, now: number = Date.now()): string {
  const day = dayLabel(at, now);
  const lead = day === 'Today' || day === 'Yesterday' ? day.toLowerCase() : day;
  return `${lead} at ${clockTime(at)}`;
}

/** Versions (newest first) in runs of the same day, for the list's headings. */
export function groupByDay<T extends Pick<VersionInfo, 'at'>>(
  versions: readonly T[],
  now: number = Date.now(),
): { label: string; versions: T[] }[] {
  const groups: { label: string; versions: T[] }[] = [];
  for (const version of versions) {
    const label = dayLabel(version.at, now);
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.versions.push(version);
    else groups.push({ label, versions: [version] });
  }
  return groups;
}

/** "1 node", "12 nodes". */
export function nodeCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'node' : 'nodes'}`;
}
