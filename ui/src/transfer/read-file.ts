import { storageError } from '../storage/errors';

/** A file's bytes, reporting how much has been read (0…1) for a progress bar. */
export function readFileBytes(
  file: Blob & { name?: string },
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) =>
      event.lengthComputable && onProgress?.(event.loaded / Math.max(event.total, 1));
    reader.onload = () => {
      onProgress?.(1);
      resolve(new Uint8Array(reader.result as ArrayBuffer));
    };
    reader.onerror = () => reject(storageError('io', `Could not read “${file.name ?? 'the file'}”.`));
    reader.readAsArrayBuffer(file);
  });
}
