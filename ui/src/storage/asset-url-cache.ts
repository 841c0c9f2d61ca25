import { parseAssetRef } from './asset-url';

export interface AssetBlobSource {
  getBlob(sha256: string): Promise<Blob | null>;
}

/**
 * `koda-asset://` references → blob: URLs, for the browser (desktop serves them over koda://).
 * Each file gets one object URL for the life of the page, shared by every node showing it;
 * concurrent requests for the same file read it once.
 */
export class AssetUrlCache {
  private readonly urls = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly source: AssetBlobSource,
    private readonly createObjectUrl: (blob: Blob) => string = (blob) => URL.createObjectURL(blob),
  ) {}

  /** The URL already made for a reference, if any (lets a re-render show it at once). */
  cached(reference: string | undefined | null): string | undefined {
    const sha = parseAssetRef(reference);
    return sha ? this.urls.get(sha) : undefined;
  }

  /** The URL of a reference's file, or undefined when it is not a reference or the file is missing. */
  resolve(reference: string | undefined | null): Promise<string | undefined> {
    const sha = parseAssetRef(reference);
    if (!sha) return Promise.resolve(undefined);
    const known = this.urls.get(sha);
    if (known) return Promise.resolve(known);
    let pending = this.pending.get(sha);
    if (!pending) {
      pending = this.source
        .getBlob(sha)
        .then((blob) => {
          if (!blob) return undefined;
          const url = this.createObjectUrl(blob);
          this.urls.set(sha, url);
          return url;
        })
        .catch(() => undefined)
        .finally(() => this.pending.delete(sha));
      this.pending.set(sha, pending);
    }
    return pending;
  }
}
