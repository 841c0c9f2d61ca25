// Frame-time benchmark for live generation: a production build on the fake desktop backend
// (fake-desktop.js + fake-generation.js), a canvas of 20 image generators, and 20 runs whose
// `koda://generation` events report progress (queue place in Koda's queue, then in fal's, then
// running) every ~100 ms for ~5 s, while the canvas is panned a little. Frame times are taken with
// requestAnimationFrame in the page; the same window with no runs is the baseline.
// Run: `npm run bench:runs` (CHROMIUM=/path/to/chromium if not /usr/bin/chromium).
// Env: NODES (20), SECONDS (5), TICK_MS (100), ROUNDS (2: each figure is over every round's frames),
// THROTTLE (CPU slowdown factor, e.g. 4, to see the headroom a slower computer would have).
import { build, preview } from 'vite';
import { canvasRulesScript, launchChromium } from './harness.mjs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NODES = Number(process.env.NODES || 20);
const SECONDS = Number(process.env.SECONDS || 5);
const TICK_MS = Number(process.env.TICK_MS || 100);
const ROUNDS = Number(process.env.ROUNDS || 2);
const THROTTLE = Number(process.env.THROTTLE || 1);

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeGeneration = fileURLToPath(new URL('./fake-generation.js', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'koda-bench-runs-'));
await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await preview({
  configFile,
  logLevel: 'error',
  build: { outDir },
  preview: { port: 5197, strictPort: false },
});
const base = server.resolvedUrls.local[0];
const browser = await launchChromium();

const now = Date.now();
const canvas = {
  id: 'c-bench',
  name: 'Twenty runs',
  createdAt: now - 86_400_000,
  updatedAt: now - 60_000,
  revision: 1,
  viewport: { x: 20, y: 20, zoom: 0.55 },
  nodes: Array.from({ length: NODES }, (_, i) => ({
    id: `g${i}`,
    type: 'imageGenerator',
    position: { x: (i % 5) * 340, y: Math.floor(i / 5) * 420 },
    data: {
      prompt: `A lighthouse on a cliff, variation ${i + 1}`,
      model: 'flux-schnell',
      aspectRatio: '16:9',
      imageCount: 1,
    },
  })),
  edges: [],
};

/** In the page: records every frame's duration for `ms`, resolving with the list. */
function watchFrames(ms) {
  return new Promise((resolve) => {
    const frames = [];
    let last = null;
    const start = performance.now();
    const tick = (t) => {
      if (last !== null) frames.push(t - last);
      last = t;
      if (t - start < ms) requestAnimationFrame(tick);
      else resolve(frames);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * In the page: `count` runs of the canvas's nodes, reported as the app's observer does — each tick
 * every run's row goes out as a `koda://generation` event: waiting its turn in Koda's queue (the
 * spend's `waiting` list), then in line at fal with its place counting down, then running. Ends with
 * every run canceled so the next round starts clean.
 */
function streamRuns([canvasId, count, tickMs, ms]) {
  const fake = window.__fakeDesktop;
  const gen = fake.generation;
  const t0 = Date.now();
  const runs = Array.from({ length: count }, (_, i) => ({
    id: `bench-${t0.toString(36)}-${i}`,
    canvasId,
    nodeId: `g${i}`,
    model: 'flux-schnell',
    prompt: `A lighthouse on a cliff, variation ${i + 1}`,
    parameters: {},
    status: 'pending',
    createdAt: t0 + i,
    run: { provider: 'fal', endpoint: 'fal-ai/flux/schnell', costUsd: 0.003, attempts: 0 },
  }));
  gen.runs.push(...runs);
  gen.waiting = runs.map((r) => r.id);
  const ticks = Math.round(ms / tickMs);
  let tick = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      tick += 1;
      for (const [i, run] of runs.entries()) {
        // Run i leaves Koda's queue at tick 2 + i, waits at fal for 12 ticks (place 4 → 0), then runs.
        const sentAt = 2 + i;
        if (tick < sentAt) {
          run.status = 'pending';
        } else if (tick < sentAt + 12) {
          if (run.status === 'pending') gen.waiting = gen.waiting.filter((id) => id !== run.id);
          run.status = 'submitted';
          run.run = {
            ...run.run,
            attempts: 1,
            requestId: `req-${run.id}`,
            queuePosition: Math.max(0, 4 - Math.floor((tick - sentAt) / 3)),
          };
        } else {
          run.status = 'processing';
          run.run = { ...run.run, queuePosition: undefined };
        }
        fake.emit('koda://generation', JSON.parse(JSON.stringify(run)));
      }
      if (tick >= ticks) {
        clearInterval(timer);
        for (const run of runs) {
          run.status = 'canceled';
          run.durationMs = Date.now() - run.createdAt;
          fake.emit('koda://generation', JSON.parse(JSON.stringify(run)));
        }
        gen.waiting = [];
        resolve(tick * count);
      }
    }, tickMs);
  });
}

/** Pans the canvas a little (wheel = pan here), back and forth, for about `ms`. */
async function pan(page, ms) {
  await page.mouse.move(700, 450);
  const started = Date.now();
  let direction = 1;
  while (Date.now() - started < ms) {
    for (let i = 0; i < 10 && Date.now() - started < ms; i++) {
      await page.mouse.wheel(12 * direction, 6 * direction);
      await page.waitForTimeout(50);
    }
    direction = -direction;
  }
}

const stats = (frames) => {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    frames: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    longest: sorted[sorted.length - 1],
    over33: sorted.filter((f) => f > 33.4).length,
  };
};
const ms = (v) => `${v.toFixed(1)} ms`;
const line = (s) =>
  `median ${ms(s.median)}, p95 ${ms(s.p95)}, longest ${ms(s.longest)} (${s.frames} frames, ${s.over33} over 33 ms)`;

const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
await context.addInitScript({ content: await canvasRulesScript() });
await context.addInitScript({ path: fake });
await context.addInitScript({ path: fakeGeneration });
await context.addInitScript((c) => {
  window.__fakeDesktop.add(c);
  window.__fakeDesktop.generation.keys.fal = { location: 'keychain', value: 'fal-bench-key' };
}, canvas);
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${base}#/canvas/${canvas.id}`);
await page.waitForSelector('[data-testid="editor"][data-ready="true"]');
// Let the estimates (two at a time) and first paints settle.
await page.waitForFunction(
  (n) => document.querySelectorAll('[data-testid="generation-cost"][data-state="ready"]').length >= n,
  NODES,
  { timeout: 30_000 },
);
await page.waitForTimeout(500);
if (THROTTLE > 1)
  await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

/** In the page, halfway through: how many nodes show a run going (the stream really is drawn). */
const openShown = () =>
  page.evaluate(
    () =>
      document.querySelectorAll(
        ['pending', 'submitted', 'processing']
          .map((status) => `[data-testid="generation-status"][data-status="${status}"]`)
          .join(', '),
      ).length,
  );

const idle = [];
const busy = [];
let events = 0;
let shownMidway = Infinity;
const windowMs = SECONDS * 1000;
for (let round = 0; round < ROUNDS; round++) {
  const [quiet] = await Promise.all([page.evaluate(watchFrames, windowMs), pan(page, windowMs - 200)]);
  idle.push(...quiet);
  await page.waitForTimeout(300);
  const streaming = page.evaluate(streamRuns, [canvas.id, NODES, TICK_MS, windowMs]);
  const midway = new Promise((resolve) => setTimeout(() => resolve(openShown()), windowMs / 2));
  const [loud, sent, open] = await Promise.all([
    page.evaluate(watchFrames, windowMs),
    streaming,
    midway,
    pan(page, windowMs - 200),
  ]);
  shownMidway = Math.min(shownMidway, open);
  busy.push(...loud);
  events += sent;
  await page.waitForTimeout(800);
}
const shown = await page.evaluate(() =>
  [...document.querySelectorAll('[data-testid="generation-status"]')].map((s) =>
    s.getAttribute('data-status'),
  ),
);
console.log(
  `${NODES} generator nodes, ${events} koda://generation events over ${ROUNDS} × ${SECONDS} s ` +
    `(every ${TICK_MS} ms per run; ${shownMidway} runs drawn going halfway), panning meanwhile` +
    (THROTTLE > 1 ? `, CPU ${THROTTLE}× slower` : ''),
);
console.log(`frames with ${NODES} runs reporting: ${line(stats(busy))}`);
console.log(`idle (no runs):          ${line(stats(idle))}`);
if (shown.length !== NODES || shown.some((s) => s !== 'canceled'))
  console.error(`note: ${shown.length} run statuses shown at the end (${[...new Set(shown)].join(', ')})`);
await browser.close();
await server.close();
rmSync(outDir, { recursive: true, force: true });
