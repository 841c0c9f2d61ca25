import type { DownloadProgress } from '../bindings/DownloadProgress';
import type { UpdateStatus } from '../bindings/UpdateStatus';
import type { UpdateBusy } from './updates-store';

/** What a busy button says instead of its label. */
export const BUSY_LABELS: Record<UpdateBusy, string> = {
  checking: 'Checking…',
  downloading: 'Downloading…',
  restarting: 'Restarting…',
};

/** The line under "Koda <version>" (a failed one is its message). */
export function updateStateText(status: UpdateStatus): string {
  switch (status.state) {
    case 'notConfigured':
      return 'This build does not check for updates.';
    case 'upToDate':
      return 'Koda is up to date.';
    case 'available':
      return `Koda ${status.version} is available`;
    case 'ready':
      return `Koda ${status.version} is ready. It will be installed the next time you start Koda.`;
    case 'failed':
      return status.message;
  }
}

/** "Published 3 March 2025" in the person's own format; null when the release gave no (readable) date. */
export function publishedText(date: string | null | undefined, locale?: string): string | null {
  if (!date) return null;
  const when = new Date(date);
  if (Number.isNaN(when.getTime())) return null;
  return `Published ${when.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' })}`;
}

/** Release notes worth a block: null for none or only whitespace. */
export function releaseNotes(status: UpdateStatus): string | null {
  if (status.state !== 'available' && status.state !== 'ready') return null;
  const notes = status.notes?.trim();
  return notes ? notes : null;
}

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** "12.3 of 48.0 MB", or "12.3 MB" when the server did not say the size. */
export function progressText({ received, total }: DownloadProgress): string {
  return total ? `${megabytes(received)} of ${megabytes(total)} MB` : `${megabytes(received)} MB`;
}

/** How far along, 0–100, or null when the size is not known. */
export function progressPercent({ received, total }: DownloadProgress): number | null {
  return total ? Math.min(100, Math.round((received / total) * 100)) : null;
}
