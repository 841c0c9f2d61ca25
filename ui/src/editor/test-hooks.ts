import { useEditor } from './editor-store';

/**
 * For end-to-end tests only: drag-to-connect is impractical over WebDriver, so this makes a
 * connection through the same path as a person's drag (rules, history, autosave).
 */
export interface KodaTestHooks {
  connect: (sourceId: string, sourceHandle: string, targetId: string, targetHandle: string) => boolean;
}

declare global {
  interface Window {
    __kodaTest?: KodaTestHooks;
  }
}

export function installTestHooks(): void {
  window.__kodaTest = {
    connect: (source, sourceHandle, target, targetHandle) =>
      useEditor.getState().connect({ source, sourceHandle, target, targetHandle }),
  };
}
