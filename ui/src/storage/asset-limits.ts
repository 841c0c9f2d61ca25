/** Largest media file Koda stores, on desktop (asset folder) and in the browser (IndexedDB). */
export const MAX_ASSET_BYTES = 512 * 1024 * 1024;
