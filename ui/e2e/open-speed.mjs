// Open-speed benchmark in browser mode: builds the UI for production, seeds localStorage with a
// 2,000-node canvas, clicks its card and times how long until the nodes are drawn.
// Run: `npm run bench:open` (CHROMIUM=/path/to/chromium if not /usr/bin/chromium).
// Prints, per scenario, the median of RUNS runs of:
//   drawn  — until the `.react-flow__node` count stops growing (the frame after the last new node, i.e. once it is painted)
//   ready  — until `[data-testid=editor][data-ready=true]` (canvas loaded and its first frame with nodes painted)
import { build, preview } from 'vite';
import { launchChromium } from './harness.mjs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigCanvas } from './big-canvas.mjs';

const RUNS = Number(process.env.RUNS || 3);
const NODES = Number(process.env.NODES || 2000);
const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'koda-bench-'));
await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({
  configFile,
  logLevel: 'error',
  build: { outDir },
  preview: { port: 5198, strictPort: false },
});
const base = server.resolvedUrls.local[0];
const browser = await launchChromium();

const scenarios = [
  { name: 'fit view (no stored viewport)', viewport: undefined },
  { name: 'stored viewport at zoom 1', viewport: { x: 40, y: 40, zoom: 1 } },
];

/** Runs inside the page: click the card, then watch every frame. */
function openAndWatch() {
  return new Promise((resolve) => {
    const card = document.querySelector('[data-testid="canvas-card"] .card__open');
    const t0 = performance.now();
    let last = -1;
    let changedAt = t0;
    let paintedAt = null;
    let stable = 0;
    let readyAt = null;
    const tick = () => {
      const now = performance.now();
      const count = document.querySelectorAll('.react-flow__node').length;
      const editor = document.querySelector('[data-testid="editor"]');
      if (readyAt === null && editor?.getAttribute('data-ready') === 'true') readyAt = now;
      // Builds without the attribute (before it existed) are timed by node count alone.
      const readyKnown = readyAt !== null || (editor !== null && !editor.hasAttribute('data-ready'));
      if (count !== last) {
        last = count;
        changedAt = now;
        paintedAt = null;
        stable = 0;
      } else {
        // The first frame after the last change: the nodes it added have been painted.
        if (paintedAt === null) paintedAt = now;
        stable++;
      }
      if ((count > 0 && stable > 45 && readyKnown) || now - t0 > 60_000)
        resolve({
          drawn: (paintedAt ?? changedAt) - t0,
          ready: readyAt === null ? null : readyAt - t0,
          count,
        });
      else requestAnimationFrame(tick);
    };
    card.click();
    requestAnimationFrame(tick);
  });
}

/** Runs inside the page: types into the first visible prompt and times each keystroke to the next frame. */
function typingLatency() {
  const area = document.querySelector('[data-testid="node-text"] [data-testid="node-words"]');
  if (!area) return Promise.resolve(null);
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
  const times = [];
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  return (async () => {
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      setValue.call(area, area.value + 'x');
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      times.push(performance.now() - t0);
      await frame();
    }
    return times.sort((a, b) => a - b)[6];
  })();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
const results = [];
for (const scenario of scenarios) {
  const canvas = bigCanvas({ nodeCount: NODES, viewport: scenario.viewport });
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(base);
    await page.evaluate(
      ([json, showMinimap]) => {
        localStorage.clear();
        localStorage.setItem('spaces-canvases', json);
        localStorage.setItem(
          'koda-settings',
          JSON.stringify({
            theme: 'dark',
            canvas: { snapToGrid: false, gridSize: 20, showMinimap },
            backupsToKeep: 7,
          }),
        );
      },
      [JSON.stringify([canvas]), process.env.MINIMAP !== '0'],
    );
    await page.reload();
    await page.waitForSelector('[data-testid="canvas-card"]');
    await page.waitForTimeout(300);
    runs.push(await page.evaluate(openAndWatch));
  }
  const keystroke = await page.evaluate(typingLatency);
  const drawn = median(runs.map((r) => r.drawn));
  const ready = runs.every((r) => r.ready !== null) ? median(runs.map((r) => r.ready)) : null;
  results.push({
    scenario: scenario.name,
    nodes: NODES,
    drawnMs: Math.round(drawn),
    readyMs: ready === null ? 'n/a' : Math.round(ready),
    nodesInDom: runs[0].count,
    keystrokeMs: keystroke === null ? 'n/a' : Math.round(keystroke),
    runs: runs.map((r) => Math.round(r.drawn)).join('/'),
  });
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/open-${results.length}.png` });
}
console.table(results);
await browser.close();
await server.close();
rmSync(outDir, { recursive: true, force: true });
