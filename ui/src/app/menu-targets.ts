import { useEffect, useRef } from 'react';

/**
 * What the open canvas does for the app menu (`koda://menu`): the editor loads in its own chunk,
 * so the menu cannot call into it; its parts register these while they are on screen, as the
 * buttons and keys they stand for.
 */
export type EditorMenuCommand = 'export' | 'versions' | 'shortcuts' | 'zoomIn' | 'zoomOut' | 'fitView';

type Targets = Partial<Record<EditorMenuCommand, () => void>>;

const registered = new Map<EditorMenuCommand, () => void>();

/** Registers what these commands do; the returned function takes them back. */
export function registerEditorMenu(targets: Targets): () => void {
  const entries = Object.entries(targets) as [EditorMenuCommand, () => void][];
  for (const [command, run] of entries) registered.set(command, run);
  return () => {
    for (const [command, run] of entries) if (registered.get(command) === run) registered.delete(command);
  };
}

/** Runs a command on the open canvas; false when nothing on screen offers it. */
export function runEditorMenu(command: EditorMenuCommand): boolean {
  const run = registered.get(command);
  run?.();
  return run !== undefined;
}

/** Offers these commands while the component is mounted (always its latest functions). */
export function useEditorMenu(targets: Targets): void {
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  });
  useEffect(() => {
    const commands = Object.keys(latest.current) as EditorMenuCommand[];
    return registerEditorMenu(
      Object.fromEntries(commands.map((command) => [command, () => latest.current[command]?.()])),
    );
  }, []);
}
