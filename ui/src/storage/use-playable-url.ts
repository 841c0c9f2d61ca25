import { useEffect, useState } from 'react';

/**
 * WebKitGTK (Koda Desktop on Linux) cannot play <video>/<audio> from a custom URI scheme: it
 * hands the address to GStreamer, which has no source for `koda:` (WebKit bug 146351). Images are
 * fine. So on desktop a kept video or sound is fetched through the page (which can read `koda:`)
 * and played from a blob: URL; other addresses are played as they are.
 */
const CUSTOM_SCHEME = /^(koda:|http:\/\/koda\.localhost\/)/;

/** Larger files are played from their address (they may not play on Linux, but nothing is held in memory). */
const MAX_BLOB_BYTES = 512 * 1024 * 1024;

export type PlayableUrl = { url: string | undefined; failed: boolean };

export function usePlayableUrl(url: string | undefined): PlayableUrl {
  const needsBlob = url !== undefined && CUSTOM_SCHEME.test(url);
  const [state, setState] = useState<{ source?: string; blob?: string; failed: boolean }>({ failed: false });

  useEffect(() => {
    if (!needsBlob || !url) return;
    let cancelled = false;
    let made: string | undefined;
    (async () => {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`status ${response.status}`);
        const size = Number(response.headers.get('content-length') ?? 0);
        if (size > MAX_BLOB_BYTES) {
          if (!cancelled) setState({ source: url, blob: url, failed: false });
          return;
        }
        const blob = await response.blob();
        if (cancelled) return;
        made = URL.createObjectURL(blob);
        setState({ source: url, blob: made, failed: false });
      } catch {
        // Played from its address instead: fine everywhere but WebKitGTK, and never blank.
        if (!cancelled) setState({ source: url, blob: url, failed: true });
      }
    })();
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url, needsBlob]);

  if (!needsBlob) return { url, failed: false };
  if (state.source !== url) return { url: undefined, failed: false };
  return { url: state.blob, failed: state.failed };
}
