// Generation in the desktop UI, against the fake backend (fake-desktop.js + fake-generation.js):
// Generate with the estimated cost and live status, outputs arriving into the node and kept in its
// history, the lightbox (save, add to canvas), a refused run with Retry, waiting offline, Run all
// with its plan, History (editor and every canvas) with costs, the monthly cap, a run left going
// when the app closed, and Settings → AI providers (the key never reaches the page).
import { fileURLToPath } from 'node:url';
import { canvasRulesScript } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeGeneration = fileURLToPath(new URL('./fake-generation.js', import.meta.url));
const KEY = 'fal-key-7d1c:93a5f0e2b4c8d6e1f7a9';
const now = Date.now();
// The seeded runs are minutes to hours old, and this month's spend counts them: early on the 1st
// (UTC) their ages are shrunk, in proportion, to fit inside the month so far.
const monthSoFar = now - Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
const runAgeScale = Math.min(1, (0.9 * monthSoFar) / (300 * 60_000));
const node = (id, type, x, y, data, extra = {}) => ({ id, type, position: { x, y }, data, ...extra });

const launch = {
  id: 'c-launch',
  name: 'Lighthouse launch',
  createdAt: now - 3 * 86_400_000,
  updatedAt: now - 60_000,
  revision: 4,
  viewport: { x: 120, y: 70, zoom: 0.9 },
  nodes: [
    node(
      't1',
      'text',
      0,
      40,
      { content: 'A lighthouse on a cliff at dawn, cinematic, volumetric light, 35mm' },
      { width: 280, height: 150 },
    ),
    node('ig', 'imageGenerator', 340, 0, {
      prompt: '',
      model: 'flux-pro',
      aspectRatio: '16:9',
      imageCount: 2,
      name: 'Key art',
    }),
    node('vg', 'videoGenerator', 740, 0, {
      prompt: 'Slow push-in, waves crashing below, gulls',
      model: 'kling-2.6-i2v',
      aspectRatio: '16:9',
      duration: 5,
      name: 'Teaser shot',
    }),
    node('sp', 'speech', 0, 260, { model: 'elevenlabs-tts', text: '', voice: 'rachel', name: 'Voice-over' }),
  ],
  edges: [
    { id: 'e1', source: 't1', sourceHandle: 'output', target: 'ig', targetHandle: 'text' },
    { id: 'e2', source: 'ig', sourceHandle: 'output', target: 'vg', targetHandle: 'firstFrame' },
  ],
};

const other = {
  id: 'c-moods',
  name: 'Moodboard',
  createdAt: now - 9 * 86_400_000,
  updatedAt: now - 86_400_000,
  revision: 2,
  nodes: [node('m1', 'imageGenerator', 0, 0, { prompt: 'Neon city in the rain', model: 'nanobanana-pro' })],
  edges: [],
};

/** Runs already in the history: done, refused, canceled, on two canvases, and one still going. */
function pastRuns() {
  const run = (id, canvasId, nodeId, model, prompt, status, minutesAgo, costUsd, extra = {}) => ({
    id,
    canvasId,
    nodeId,
    model,
    prompt,
    status,
    createdAt: now - minutesAgo * 60_000 * runAgeScale,
    durationMs: status === 'canceled' ? 4_000 : 14_200,
    run: {
      provider: 'fal',
      endpoint: `fal-ai/${model}`,
      costUsd,
      attempts: status === 'canceled' ? 0 : 1,
      requestId: status === 'canceled' ? undefined : `req-${id}`,
    },
    ...extra,
  });
  return [
    run(
      'h1',
      'c-moods',
      'm1',
      'nanobanana-pro',
      'Neon city in the rain, reflections',
      'completed',
      300,
      0.15,
    ),
    run('h2', 'c-moods', 'm1', 'nanobanana-pro', 'Neon city in a storm', 'failed', 200, 0.15, {
      errorMessage: 'the AI provider refused this input: the prompt was flagged by the content checker',
      run: {
        provider: 'fal',
        endpoint: 'fal-ai/nano-banana-pro',
        costUsd: 0.15,
        attempts: 1,
        requestId: 'req-h2',
        errorCode: 'input_refused',
      },
    }),
    run(
      'h3',
      'c-launch',
      'ig',
      'flux-pro',
      'A lighthouse on a cliff at dawn, storm clouds',
      'completed',
      90,
      0.08,
    ),
    run('h4', 'c-launch', 'vg', 'kling-2.6-i2v', 'Slow push-in, waves crashing below', 'canceled', 45, 0.35),
  ];
}

export function generationScenarios({ browser, base, check, shots }) {
  const shoot = async (page, name) => shots && page.screenshot({ path: `${shots}/${name}.png` });

  /** A desktop app with the two canvases; `setup` runs in the page before the app starts. */
  async function openApp(setup, arg) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: await canvasRulesScript() });
    await context.addInitScript({ path: fake });
    await context.addInitScript({ path: fakeGeneration });
    await context.addInitScript(
      (canvases) => canvases.forEach((c) => window.__fakeDesktop.add(c)),
      [launch, other],
    );
    if (setup) await context.addInitScript(setup, arg);
    const page = await context.newPage();
    page.on('pageerror', (e) => check('no page error', false, e.message));
    const calls = (cmd) =>
      page.evaluate(
        (c) => window.__fakeDesktop.state.calls.filter((x) => x.cmd === c).map((x) => x.args),
        cmd,
      );
    const stored = (id = 'c-launch') => page.evaluate((c) => window.__fakeDesktop.canvases.get(c), id);
    return { context, page, calls, stored };
  }
  const withKey = (key) => {
    window.__fakeDesktop.generation.keys.fal = { location: 'keychain', value: key };
  };
  const inNode = (id, testId) => `.react-flow__node[data-id="${id}"] [data-testid="${testId}"]`;
  const openCanvas = async (page, id = 'c-launch') => {
    await page.goto(`${base}#/canvas/${id}`);
    await page.waitForSelector('[data-testid="editor"][data-ready="true"]');
  };

  async function scenarioGenerate() {
    const { context, page: p, calls, stored } = await openApp(withKey, KEY);
    await openCanvas(p);
    // The estimate follows the settings: 2 images × $0.04.
    await p.waitForSelector(`${inNode('ig', 'generation-cost')}[data-state="ready"]`);
    check(
      'generate: estimated cost shown',
      (await p.textContent(inNode('ig', 'generation-cost'))) === '~$0.08',
      await p.textContent(inNode('ig', 'generation-cost')),
    );
    const estimates = (await calls('generation_estimate')).filter((a) => a.nodeId === 'ig').length;
    await p.selectOption(inNode('ig', 'image-count'), '4');
    await p.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '~$0.16',
      inNode('ig', 'generation-cost'),
    );
    check(
      'generate: estimate refreshed after a settings change (once, debounced)',
      (await calls('generation_estimate')).filter((a) => a.nodeId === 'ig').length === estimates + 1,
    );
    const saved = await stored();
    check(
      'generate: the change was saved before the estimate',
      saved.nodes.find((n) => n.id === 'ig').data.imageCount === 4,
    );
    await p.selectOption(inNode('ig', 'image-count'), '2');
    await p.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '~$0.08',
      inNode('ig', 'generation-cost'),
    );
    // A node without words says why it cannot run, and Generate waits for a prompt.
    await p.waitForSelector(`${inNode('sp', 'generation-cost')}[data-state="unavailable"]`);
    check(
      'generate: a node with no prompt says so',
      (await p.isDisabled(inNode('sp', 'generate'))) &&
        (await p.textContent(inNode('sp', 'generation-hint'))).includes('no prompt'),
    );

    await p.click(inNode('ig', 'generate'));
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-phase="running"]`);
    check(
      'generate: running with a clock and Cancel',
      /\d:\d\d/.test(await p.textContent(inNode('ig', 'generation-status'))) &&
        (await p.isVisible(inNode('ig', 'generation-cancel'))),
    );
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="completed"]`);
    await p.waitForFunction(
      () =>
        document.querySelectorAll('.react-flow__node[data-id="ig"] [data-testid="output-thumb"]').length ===
        2,
    );
    const src = await p.getAttribute('.react-flow__node[data-id="ig"] .gallery__main', 'src');
    check('generate: two images appear, shown from the asset store', src?.startsWith('blob:'), src);
    const data = (await stored()).nodes.find((n) => n.id === 'ig').data;
    check(
      'generate: outputs written into the node by the app',
      data.outputUrls.length === 2 && data.outputUrl === data.outputUrls[0] && data.lastRunId,
    );
    check(
      'generate: done shows time and cost',
      (await p.textContent(inNode('ig', 'generation-status'))).includes('$0.08'),
    );
    check(
      'generate: header counts the images',
      (await p.textContent('.react-flow__node[data-id="ig"] .knode__meta')) === '2 images',
    );
    await shoot(p, 'generation-canvas-first');

    // Again: the first two stay in the node's history, and any can be made current.
    await p.click(inNode('ig', 'generate'));
    await p.waitForFunction(
      () =>
        document.querySelectorAll('.react-flow__node[data-id="ig"] [data-testid="output-thumb"]').length ===
        4,
    );
    await p.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    const again = (await stored()).nodes.find((n) => n.id === 'ig').data;
    check(
      'generate: earlier outputs kept in outputHistory',
      again.outputHistory?.length === 4 &&
        again.outputHistory.slice(0, 2).every((u) => !again.outputUrls.includes(u)),
      JSON.stringify(again.outputHistory),
    );
    await p.click('.react-flow__node[data-id="ig"] [data-testid="output-thumb"] >> nth=0');
    await p.waitForTimeout(500);
    check(
      'generate: an earlier output picked as current',
      (await stored()).nodes.find((n) => n.id === 'ig').data.outputUrl === again.outputHistory[0],
    );

    // Full size: save it, add it to the canvas.
    await p.click(inNode('ig', 'output-open'));
    await p.waitForSelector('[data-testid="output-lightbox"]');
    check(
      'lightbox: opens on the current output',
      (await p.textContent('[data-testid="lightbox-count"]')).trim() === '1 of 4',
    );
    await p.keyboard.press('ArrowRight');
    check(
      'lightbox: arrows move through outputs',
      (await p.textContent('[data-testid="lightbox-count"]')).trim() === '2 of 4',
    );
    await p.waitForSelector('[data-testid="output-lightbox"] img.lightbox__media');
    await p.waitForTimeout(300);
    await shoot(p, 'generation-lightbox');
    await p.click('[data-testid="lightbox-save"]');
    await p.waitForSelector('.toast:has-text("Saved to /home/you/Downloads/Key-art-2.png")');
    check(
      'lightbox: Save writes the file through the app',
      (await calls('save_asset')).at(-1)?.filename === 'Key-art-2',
    );
    const before = (await stored()).nodes.length;
    await p.click('[data-testid="lightbox-add-node"]');
    await p.waitForTimeout(600);
    const after = await stored();
    const media = after.nodes.find((n) => n.type === 'media' && n.data.url === again.outputHistory[1]);
    check(
      'lightbox: Add to canvas makes a media node',
      after.nodes.length === before + 1 && media?.data.type === 'image',
    );
    check('lightbox: closes after adding', (await p.$('[data-testid="output-lightbox"]')) === null);
    await context.close();
  }

  async function scenarioRefusedAndRetry() {
    const { context, page: p, calls } = await openApp(withKey, KEY);
    await openCanvas(p);
    await p.evaluate(
      () => (window.__fakeDesktop.generation.refuseNext = 'the prompt was flagged by the content checker'),
    );
    await p.click(inNode('ig', 'generate'));
    await p.waitForSelector(`${inNode('ig', 'generation-error')}[data-code="input_refused"]`);
    const text = await p.textContent(inNode('ig', 'generation-error'));
    check(
      'refused: fal’s reason shown on the node',
      text.includes('fal refused this input') &&
        text.includes('The prompt was flagged by the content checker.'),
      text,
    );
    await p.waitForSelector(`${inNode('vg', 'generation-cost')}[data-state="ready"]`);
    await shoot(p, 'generation-refused');
    await p.click(inNode('ig', 'generation-retry'));
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="completed"]`);
    check(
      'refused: Retry runs it again (generation_retry) and it completes',
      (await calls('generation_retry')).length === 1 &&
        (await p.$(inNode('ig', 'generation-error'))) === null,
    );
    await context.close();
  }

  async function scenarioOffline() {
    const { context, page: p } = await openApp((key) => {
      window.__fakeDesktop.generation.keys.fal = { location: 'keychain', value: key };
      window.__fakeDesktop.generation.offline = true;
    }, KEY);
    await openCanvas(p);
    await p.click(inNode('ig', 'generate'));
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-phase="offline"]`);
    check(
      'offline: the run waits for the connection, cancellable',
      (await p.textContent(inNode('ig', 'generation-status'))).includes('Waiting for connection') &&
        (await p.isVisible(inNode('ig', 'generation-cancel'))),
    );
    await p.evaluate(() => (window.__fakeDesktop.generation.offline = false));
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="completed"]`, {
      timeout: 8000,
    });
    check('offline: sent once the network is back', true);
    // Cancel while waiting.
    await p.evaluate(() => (window.__fakeDesktop.generation.offline = true));
    await p.click(inNode('vg', 'generate'));
    await p.waitForSelector(`${inNode('vg', 'generation-status')}[data-phase="offline"]`);
    await p.click(inNode('vg', 'generation-cancel'));
    await p.waitForSelector(`${inNode('vg', 'generation-status')}[data-status="canceled"]`);
    check('offline: Cancel stops a waiting run', true);
    await context.close();
  }

  async function scenarioRunAll() {
    const { context, page: p, calls, stored } = await openApp(withKey, KEY);
    await openCanvas(p);
    await p.click('[data-testid="run-all"]');
    await p.waitForSelector('[data-testid="run-all-cost"]');
    check(
      'run all: the plan’s total cost',
      (await p.textContent('[data-testid="run-all-cost"]')) === '~$0.43',
      await p.textContent('[data-testid="run-all-cost"]'),
    );
    const runs = await p.$$eval('[data-testid="run-all-run"]', (rows) =>
      rows.map((r) => r.getAttribute('data-node-id')),
    );
    check('run all: runs in dependency order', JSON.stringify(runs) === '["ig","vg"]', JSON.stringify(runs));
    check(
      'run all: the video waits for the image',
      (await p.textContent('[data-testid="run-all-run"][data-node-id="vg"]')).includes('after Key art'),
    );
    check(
      'run all: skipped nodes with the reason',
      (await p.textContent('[data-testid="run-all-skipped"][data-node-id="sp"]')).includes(
        'The node has no prompt',
      ),
    );
    check(
      'run all: nothing started before confirming',
      (await calls('generation_run_all')).length === 0 && (await calls('generation_start')).length === 0,
    );
    await shoot(p, 'generation-run-all');
    await p.click('[data-testid="run-all-confirm"]');
    await p.waitForSelector('[data-testid="run-all-dialog"]', { state: 'detached' });
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="completed"]`);
    await p.waitForSelector(`${inNode('vg', 'generation-status')}[data-status="completed"]`, {
      timeout: 8000,
    });
    const canvas = await stored();
    check(
      'run all: both nodes have outputs',
      canvas.nodes.find((n) => n.id === 'ig').data.outputUrls?.length === 2 &&
        Boolean(canvas.nodes.find((n) => n.id === 'vg').data.outputUrl),
    );
    await p.waitForTimeout(300);
    await shoot(p, 'generation-canvas');
    // Unchanged nodes are skipped the second time.
    await p.click('[data-testid="run-all"]');
    await p.waitForSelector('[data-testid="run-all-skipped"][data-node-id="ig"]');
    check(
      'run all: unchanged nodes skipped next time',
      (await p.textContent('[data-testid="run-all-skipped"][data-node-id="ig"]')).includes('Unchanged') &&
        (await p.isDisabled('[data-testid="run-all-confirm"]')),
    );
    await p.click('[data-testid="run-all-cancel"]');
    // One selected node is still "Run all"; with several selected, only those run.
    await p.click('.react-flow__node[data-id="vg"] .knode__header');
    check(
      'run all: one selected node is not a selection',
      (await p.textContent('[data-testid="run-all"]')).includes('Run all'),
    );
    await p.click('.react-flow__node[data-id="sp"] .knode__header', { modifiers: ['Shift'] });
    await p.waitForSelector('[data-testid="run-all"]:has-text("Run 2 selected")');
    await p.click('[data-testid="run-all"]');
    await p.waitForSelector('[data-testid="run-all-dialog"] [data-testid="run-all-skipped"]');
    const planned = (await calls('generation_plan')).at(-1);
    check(
      'run all: a selection plans only itself',
      JSON.stringify(planned.selection) === '["vg","sp"]',
      JSON.stringify(planned),
    );
    await p.click('[data-testid="run-all-cancel"]');
    await context.close();
  }

  async function scenarioHistory() {
    const {
      context,
      page: p,
      calls,
    } = await openApp(
      (args) => {
        const gen = window.__fakeDesktop.generation;
        gen.keys.fal = { location: 'keychain', value: args.key };
        gen.runs.push(...args.runs);
        // A run that was going when Koda closed.
        gen.runs.push({
          id: 'live',
          canvasId: 'c-launch',
          nodeId: 'ig',
          model: 'flux-pro',
          prompt: 'A lighthouse on a cliff at dawn, cinematic',
          status: 'processing',
          createdAt: Date.now() - 21_000,
          parameters: { num_images: 2 },
          run: {
            provider: 'fal',
            endpoint: 'fal-ai/flux-pro/v1.1',
            costUsd: 0.08,
            attempts: 1,
            requestId: 'req-live',
          },
        });
      },
      { key: KEY, runs: pastRuns() },
    );
    await openCanvas(p);
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="processing"]`);
    check(
      'relaunch: a run in flight shows as running, with its clock',
      /0:2\d/.test(await p.textContent(inNode('ig', 'generation-status'))),
    );
    await p.click('[data-testid="history-open"]');
    await p.waitForSelector('[data-testid="history-panel"] [data-testid="history-row"]');
    const statuses = await p.$$eval('[data-testid="history-row"]', (rows) =>
      rows.map((r) => r.getAttribute('data-status')),
    );
    check(
      'history: this canvas’s runs, newest first',
      JSON.stringify(statuses) === '["processing","canceled","completed"]',
      JSON.stringify(statuses),
    );
    check(
      'history: each row has model, duration, cost',
      (await p.textContent('[data-testid="history-row"][data-run-id="h3"]')).includes('Flux Pro') &&
        (await p.textContent(
          '[data-testid="history-row"][data-run-id="h3"] [data-testid="history-cost"]',
        )) === '$0.08',
    );
    check(
      'history: canvas total counts sent runs only',
      (await p.getAttribute('[data-testid="history-total-canvas"]', 'data-usd')) === '0.16',
      await p.getAttribute('[data-testid="history-total-canvas"]', 'data-usd'),
    );
    check(
      'history: this month’s spend',
      (await p.textContent('[data-testid="history-total-month"]')).includes('$0.46'),
      await p.textContent('[data-testid="history-total-month"]'),
    );
    // The run left going is followed again and completes.
    await p.evaluate(() => window.__fakeDesktop.generation.resume());
    await p.waitForSelector('[data-testid="history-row"][data-run-id="live"][data-status="completed"]');
    await p.waitForSelector('[data-testid="history-row"][data-run-id="live"] .history-thumb img');
    check(
      'relaunch: it completes and its thumbnail shows',
      (
        await p.getAttribute('[data-testid="history-row"][data-run-id="live"] .history-thumb img', 'src')
      ).startsWith('blob:'),
    );
    await p.fill('[data-testid="history-search"]', 'storm clouds');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 1);
    check(
      'history: search by prompt',
      (await p.getAttribute('[data-testid="history-row"]', 'data-run-id')) === 'h3',
    );
    await p.fill('[data-testid="history-search"]', '');
    await p.click('[data-testid="history-status-canceled"]');
    check('history: filter by status', (await p.$$('[data-testid="history-row"]')).length === 1);
    await p.click('[data-testid="history-status-all"]');
    await p.selectOption('[data-testid="history-filter-model"]', 'kling-2.6-i2v');
    check('history: filter by model', (await p.$$('[data-testid="history-row"]')).length === 1);
    await p.selectOption('[data-testid="history-filter-model"]', '');
    // Open the node a run belongs to.
    await p.click('[data-testid="history-row"][data-run-id="h4"] [data-testid="history-open-node"]');
    await p.waitForSelector('.react-flow__node[data-id="vg"].selected');
    check('history: Open node selects it', true);
    // Retry a canceled run; run a finished one again exactly.
    await p.click('[data-testid="history-row"][data-run-id="h4"] [data-testid="history-retry"]');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 4);
    await p.click('[data-testid="history-row"][data-run-id="h3"] [data-testid="history-run-again"]');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 5);
    const retried = await calls('generation_retry');
    check(
      'history: Retry and Run again exactly reuse the run',
      JSON.stringify(retried.map((a) => a.id)) === '["h4","h3"]',
      JSON.stringify(retried),
    );
    await p.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="history-row"]')].every(
          (r) =>
            r.getAttribute('data-status') !== 'pending' &&
            r.getAttribute('data-status') !== 'processing' &&
            r.getAttribute('data-status') !== 'submitted',
        ),
      null,
      { timeout: 8000 },
    );
    await p.waitForTimeout(400);
    await shoot(p, 'generation-history');
    // Every canvas, from the dashboard.
    await p.click('[data-testid="editor-back"]');
    await p.click('[data-testid="history-open"]');
    await p.waitForSelector('[data-testid="history-panel"] [data-testid="history-row"][data-run-id="h1"]');
    check(
      'history: every canvas from the sidebar',
      (await p.$$('[data-testid="history-row"]')).length === 7 &&
        (await p.textContent('[data-testid="history-row"][data-run-id="h1"]')).includes('Moodboard'),
    );
    check(
      'history: spend per canvas',
      (await p.textContent('[data-testid="history-canvas-total"][data-canvas-id="c-launch"]')).includes(
        'Lighthouse launch',
      ),
    );
    await p.selectOption('[data-testid="history-filter-canvas"]', 'c-moods');
    check('history: filter by canvas', (await p.$$('[data-testid="history-row"]')).length === 2);
    check(
      'history: a failed run says why',
      (await p.textContent('[data-testid="history-row"][data-run-id="h2"]')).includes(
        'fal refused this input',
      ),
    );
    await p.selectOption('[data-testid="history-filter-canvas"]', '');
    await shoot(p, 'generation-history-all');
    await p.click('[data-testid="history-row"][data-run-id="h1"] [data-testid="history-open-node"]');
    await p.waitForSelector('[data-testid="editor"][data-canvas-id="c-moods"][data-ready="true"]');
    await p.waitForSelector('.react-flow__node[data-id="m1"].selected');
    check('history: Open node opens its canvas', true);
    await context.close();
  }

  async function scenarioCap() {
    const {
      context,
      page: p,
      calls,
    } = await openApp(
      (args) => {
        const fake = window.__fakeDesktop;
        fake.generation.keys.fal = { location: 'keychain', value: args.key };
        fake.generation.runs.push(...args.runs);
        fake.state.settings.generation.monthlyCapUsd = 0.4;
      },
      { key: KEY, runs: pastRuns() },
    );
    await openCanvas(p);
    await p.click(inNode('ig', 'generate'));
    await p.waitForSelector(`${inNode('ig', 'generation-error')}[data-code="budget_reached"]`);
    const text = await p.textContent(inNode('ig', 'generation-error'));
    check(
      'cap: the run is refused with the cap message',
      text.includes('Monthly cap reached') && text.includes('would pass your monthly cap of $0.40'),
      text,
    );
    check(
      'cap: nothing was recorded',
      (await calls('generation_start')).length === 1 &&
        (await p.evaluate(() => window.__fakeDesktop.generation.runs.length)) === 4 &&
        (await p.$(inNode('ig', 'generation-status'))) === null,
    );
    check('cap: a toast points to Settings', await p.isVisible('.toast:has-text("monthly cap")'));
    await shoot(p, 'generation-cap');
    await p.click(inNode('ig', 'generation-settings'));
    await p.waitForSelector('[data-testid="settings-ai"]');
    await p.fill('[data-testid="ai-monthly-cap"]', '20');
    await p.press('[data-testid="ai-monthly-cap"]', 'Enter');
    await p.waitForTimeout(300);
    check(
      'cap: raised in Settings',
      (await p.evaluate(() => window.__fakeDesktop.state.settings.generation.monthlyCapUsd)) === 20,
    );
    await p.keyboard.press('Escape');
    await p.click(inNode('ig', 'generation-retry'));
    await p.waitForSelector(`${inNode('ig', 'generation-status')}[data-status="completed"]`);
    check('cap: then the run goes', true);
    await context.close();
  }

  async function scenarioAiProviders() {
    const {
      context,
      page: p,
      calls,
    } = await openApp((runs) => window.__fakeDesktop.generation.runs.push(...runs), pastRuns());
    await p.goto(`${base}#/?settings=ai`);
    await p.waitForSelector('[data-testid="settings-ai"]');
    await p.waitForSelector('[data-testid="ai-key-location"]:has-text("No key yet")');
    check(
      'ai: no key yet',
      (await p.getAttribute('[data-testid="ai-key-location"]', 'data-location')) === '',
    );
    check(
      'ai: the key field is a password field',
      (await p.getAttribute('[data-testid="ai-key-input"]', 'type')) === 'password',
    );
    await p.fill('[data-testid="ai-key-input"]', 'bad-key-123');
    await p.click('[data-testid="ai-key-test"]');
    await p.waitForSelector('[data-testid="ai-key-test-result"][data-ok="false"]');
    check(
      'ai: a refused key is said',
      (await p.textContent('[data-testid="ai-key-test-result"]')).includes('fal refused this key'),
    );
    await p.fill('[data-testid="ai-key-input"]', KEY);
    await p.click('[data-testid="ai-key-test"]');
    await p.waitForSelector('[data-testid="ai-key-test-result"][data-ok="true"]');
    check('ai: Test sends the typed key', (await calls('api_key_test')).at(-1)?.key === KEY);
    await p.click('[data-testid="ai-key-save"]');
    await p.waitForSelector('[data-testid="ai-key-location"][data-location="keychain"]');
    check(
      'ai: saved, and where it is kept',
      (await p.textContent('[data-testid="ai-key-location"]')).includes('system keychain') &&
        (await calls('api_key_set')).at(-1)?.name === 'fal',
    );
    check('ai: the field is emptied', (await p.inputValue('[data-testid="ai-key-input"]')) === '');
    const leaked = await p.evaluate(
      (key) =>
        document.documentElement.outerHTML.includes(key) ||
        [...document.querySelectorAll('input')].some((i) => i.value.includes(key)),
      KEY,
    );
    check('ai: the key never appears in the page after saving', !leaked);
    await p.click('[data-testid="ai-key-test"]');
    await p.waitForSelector(
      '[data-testid="ai-key-test-result"][data-ok="true"]:has-text("The saved key works")',
    );
    check('ai: Test without typing tests the saved key', (await calls('api_key_test')).at(-1)?.key === null);
    await p.fill('[data-testid="ai-parallel-runs"]', '5');
    await p.press('[data-testid="ai-parallel-runs"]', 'Enter');
    await p.fill('[data-testid="ai-monthly-cap"]', '$25');
    await p.press('[data-testid="ai-monthly-cap"]', 'Enter');
    await p.selectOption('[data-testid="ai-default-model-speech"]', 'lux-tts');
    await p.selectOption('[data-testid="default-image-model"]', 'flux-pro');
    await p.waitForTimeout(300);
    const settings = await p.evaluate(() => window.__fakeDesktop.state.settings);
    check(
      'ai: parallel runs, cap and default models saved',
      settings.generation.parallelRuns === 5 &&
        settings.generation.monthlyCapUsd === 25 &&
        settings.generation.defaultModels.speech === 'lux-tts' &&
        settings.generation.defaultModels.imageGenerator === 'flux-pro' &&
        settings.defaultImageModel === 'flux-pro',
      JSON.stringify(settings.generation),
    );
    check(
      'ai: this month’s spend against the cap',
      (await p.textContent('[data-testid="ai-spend"]')).includes('$0.38'),
      await p.textContent('[data-testid="ai-spend"]'),
    );
    await p.locator('[data-testid="settings-ai"]').scrollIntoViewIfNeeded();
    await p.evaluate(() =>
      document.querySelector('[data-testid="settings-ai"]').scrollIntoView({ block: 'start' }),
    );
    await p.waitForTimeout(200);
    await shoot(p, 'settings-ai');
    await p.click('[data-testid="ai-key-remove"]');
    await p.click('[data-testid="confirm-ok"]');
    await p.waitForSelector('[data-testid="ai-key-location"]:has-text("No key yet")');
    check('ai: Remove after a confirmation', (await calls('api_key_remove')).length === 1);
    await context.close();
  }

  async function scenarioEnhancePrompt() {
    const { context, page: p, calls, stored } = await openApp(withKey, KEY);
    await openCanvas(p);
    const original = 'Slow push-in, waves crashing below, gulls';
    const words = (id) => p.inputValue(`.react-flow__node[data-id="${id}"] [data-testid="node-words"]`);
    const storedPrompt = async () => (await stored()).nodes.find((n) => n.id === 'vg').data.prompt;
    await p.click(inNode('vg', 'enhance-prompt'));
    await p.waitForSelector(`${inNode('vg', 'enhance-prompt')}[aria-busy="true"] .words__spinner`);
    check('enhance: a spinner while waiting', true);
    await p.waitForSelector(inNode('vg', 'enhance-suggestion'));
    const expected = `Enhanced: ${original}, cinematic lighting, rich detail`;
    check(
      'enhance: asked with the node’s words and kind',
      JSON.stringify((await calls('generation_enhance_prompt')).at(-1)) ===
        JSON.stringify({ text: original, kind: 'video' }),
      JSON.stringify(await calls('generation_enhance_prompt')),
    );
    check(
      'enhance: the suggestion shown under the original, which stays',
      (await p.textContent(inNode('vg', 'enhance-suggestion-text'))) === expected &&
        (await words('vg')) === original,
    );
    await shoot(p, 'generation-enhance');
    await p.click(inNode('vg', 'enhance-accept'));
    check(
      'enhance: Accept replaces the words',
      (await words('vg')) === expected && (await p.$(inNode('vg', 'enhance-suggestion'))) === null,
    );
    await p.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    await p.waitForTimeout(500);
    check('enhance: the new words are saved', (await storedPrompt()) === expected, await storedPrompt());
    await p.keyboard.press('Control+z');
    check('enhance: undo brings the original back', (await words('vg')) === original, await words('vg'));
    await p.waitForTimeout(500);
    await p.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    check('enhance: …and saves it', (await storedPrompt()) === original, await storedPrompt());

    // Discard on a text node leaves its words as they were.
    const text = await words('t1');
    await p.click(inNode('t1', 'enhance-prompt'));
    await p.waitForSelector(inNode('t1', 'enhance-suggestion'));
    check(
      'enhance: a text node asks for kind text',
      (await calls('generation_enhance_prompt')).at(-1)?.kind === 'text',
    );
    await p.click(inNode('t1', 'enhance-discard'));
    check(
      'enhance: Discard closes and leaves the words',
      (await p.$(inNode('t1', 'enhance-suggestion'))) === null && (await words('t1')) === text,
    );
    await p.waitForTimeout(400);
    check(
      'enhance: Discard changes nothing stored',
      (await stored()).nodes.find((n) => n.id === 't1').data.content === text,
    );

    // Nothing to enhance, and a failure from the provider: said inline.
    await p.click(inNode('sp', 'enhance-prompt'));
    await p.waitForSelector(`${inNode('sp', 'enhance-error')}[data-code="invalid_input"]`);
    check(
      'enhance: empty words explained inline',
      (await p.textContent(inNode('sp', 'enhance-error'))).includes('Type a few words first'),
    );
    await p.evaluate(
      () =>
        (window.__fakeDesktop.generation.enhanceFails = {
          code: 'unreachable',
          message: 'the server cannot be reached: fal.run: connection refused',
        }),
    );
    await p.click(inNode('ig', 'enhance-prompt'));
    await p.waitForSelector(`${inNode('ig', 'enhance-error')}[data-code="unreachable"]`);
    check(
      'enhance: an unreachable provider explained inline',
      (await p.textContent(inNode('ig', 'enhance-error'))).includes('Can’t reach'),
    );
    await context.close();
  }

  async function scenarioEnvironmentKey() {
    const { context, page: p } = await openApp(() => (window.__fakeDesktop.generation.envKey = 'from-env'));
    await p.goto(`${base}#/?settings=ai`);
    await p.waitForSelector('[data-testid="ai-key-location"][data-location="environment"]');
    check(
      'ai: a FAL_KEY key is shown as such, not removable here',
      (await p.textContent('[data-testid="ai-key-location"]')).includes('FAL_KEY') &&
        (await p.$('[data-testid="ai-key-remove"]')) === null &&
        (await p.$('[data-testid="ai-key-input"]')) === null,
    );
    await context.close();
  }

  return [
    scenarioEnhancePrompt,
    scenarioGenerate,
    scenarioRefusedAndRetry,
    scenarioOffline,
    scenarioRunAll,
    scenarioHistory,
    scenarioCap,
    scenarioAiProviders,
    scenarioEnvironmentKey,
  ];
}
