/** 1536 → "1.5 KB". Decimal units, as file managers on macOS and GNOME show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** Clamps a typed number into range; null when it is not a number at all. */
export function parseBoundedInt(text: string, min: number, max: number): number | null {
  const value = Number.parseInt(text, 10);
  if (!Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, value));
}
