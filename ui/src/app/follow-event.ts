import { listen } from '@tauri-apps/api/event';

/**
 * Follows a desktop app event until the returned function is called. Listening starts
 * asynchronously; a stop before it has started still unlistens once it does.
 */
export function followEvent<T>(
  event: string,
  callback: (payload: T) => void,
  listenTo: typeof listen = listen,
): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  listenTo<T>(event, (e) => callback(e.payload))
    .then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    })
    .catch((error) => console.error(`could not listen for ${event}`, error));
  return () => {
    cancelled = true;
    stop?.();
  };
}
