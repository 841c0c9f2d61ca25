import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fakeDesktopSource from '../../e2e/fake-desktop.js?raw';
import * as canvasRules from './canvas-rules';
import type { ConformanceStore, ConformanceVector } from './conformance-runner';
import { runVector } from './conformance-runner';
import { LocalStorageProvider } from './local-storage-provider';
import { TauriProvider } from './tauri-provider';

// The shared canvas write rules (conformance/README.md), run on both TypeScript stores; the Rust
// suite runs the same files on SQLite and PostgreSQL.
const files = import.meta.glob<ConformanceVector>('../../../conformance/vectors/*.json', {
  eager: true,
  import: 'default',
});
const vectors = Object.entries(files).map(([path, vector]) => ({ file: path.split('/').pop(), vector }));

declare global {
  interface Window {
    __kodaCanvasRules?: typeof canvasRules;
  }
}

/** The browser store on an emptied localStorage, with a clock that `sleep` moves forward. */
function browserStore(): ConformanceStore {
  window.localStorage.clear();
  let clock = Date.UTC(2026, 0, 1);
  const provider = new LocalStorageProvider({ storage: window.localStorage, now: () => clock });
  return Object.assign(provider, { sleep: async (ms: number) => void (clock += ms) });
}

/**
 * A fresh stand-in desktop backend (ui/e2e/fake-desktop.js, as the browser checks inject it),
 * reached through the real TauriProvider and @tauri-apps/api IPC. Its clock is the real one.
 */
function fakeDesktopStore(): ConformanceStore {
  window.__kodaCanvasRules = canvasRules;
  new Function(fakeDesktopSource)();
  return Object.assign(new TauriProvider(), {
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms + 1)),
  });
}

describe('conformance vectors', () => {
  it('loads every file in conformance/vectors', () => {
    const folder = join(dirname(fileURLToPath(import.meta.url)), '../../../conformance/vectors');
    const onDisk = readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(onDisk.length).toBeGreaterThan(0);
    expect(vectors.map((v) => v.file).sort()).toEqual(onDisk.sort());
  });
});

describe.each([
  ['browser store (LocalStorageProvider)', browserStore],
  ['stand-in desktop backend (fake-desktop.js through TauriProvider)', fakeDesktopStore],
])('%s', (_label, makeStore) => {
  for (const { file, vector } of vectors) {
    it(`${vector.name} [${file}]`, async () => {
      await runVector(vector, makeStore());
    });
  }
});
