// Generation in the real app against the stand-in fal server (fal's queue protocol on 127.0.0.1,
// started by run.sh; the app reads KODA_FAL_QUEUE_URL): a key added in Settings, Generate on a
// text → image chain, Run all, a refused run and its Retry, a run that survives quitting the app,
// the History panel with costs, and the monthly cap.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'stand-in-key-0123456789';

const node = (id, type, x, y, data) => ({ id, type, position: { x, y }, data });
const edge = (id, source, target, targetHandle) => ({
  id,
  source,
  sourceHandle: 'output',
  target,
  targetHandle,
});

const CANVASES = [
  {
    id: 'gen-basics',
    name: 'Generate basics',
    createdAt: 1,
    updatedAt: 1,
    nodes: [
      node('t1', 'text', 0, 0, { content: 'a lighthouse at dusk images:2' }),
      node('img1', 'imageGenerator', 360, 0, {
        name: 'Hero',
        model: 'flux-schnell',
        imageCount: 2,
        aspectRatio: '16:9',
      }),
      node('vid1', 'videoGenerator', 820, 0, {
        name: 'Dolly',
        model: 'kling-2.6-i2v',
        prompt: 'slow dolly in',
        duration: 5,
      }),
    ],
    edges: [edge('e1', 't1', 'img1', 'text'), edge('e2', 'img1', 'vid1', 'firstFrame')],
  },
  {
    id: 'gen-refused',
    name: 'Generate refused',
    createdAt: 1,
    updatedAt: 1,
    nodes: [
      node('img2', 'imageGenerator', 0, 0, {
        name: 'Flagged',
        model: 'flux-schnell',
        prompt: 'refuse-once a stormy sea',
      }),
    ],
    edges: [],
  },
  {
    id: 'gen-slow',
    name: 'Generate slow',
    createdAt: 1,
    updatedAt: 1,
    nodes: [
      node('img3', 'imageGenerator', 0, 0, {
        name: 'Slow',
        model: 'flux-schnell',
        prompt: 'slow lighthouse keeper',
      }),
    ],
    edges: [],
  },
];

export async function generationScenario(ctx) {
  const { test, launch, quit, screenshot, byId, cardNamed, figures, koda, dataDir, falUrl } = ctx;
  const s = () => ctx.session();
  const submitted = async (words) =>
    (await fetch(`${falUrl}/__stand_in/submissions?words=${encodeURIComponent(words)}`)).json();
  const submissions = async (words) => (await submitted(words)).count;

  const openCanvas = async (name) => {
    // Whatever the last step left open (Settings, the editor), back to the dashboard.
    await s().execute(`document.querySelector('[data-testid="settings-close"]')?.click()`);
    await s().execute(`document.querySelector('[data-testid="editor-back"]')?.click()`);
    await s().waitFor(byId('dashboard'));
    const card = await s().waitUntil(`the card "${name}"`, () => cardNamed(name));
    await s().execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
    await s().waitFor(`${byId('editor')}[data-ready="true"]`, { timeout: 30000 });
  };
  const inNode = (nodeId, testId) => `.react-flow__node[data-id="${nodeId}"] [data-testid="${testId}"]`;
  const statusOf = (nodeId) =>
    s().execute(`return document.querySelector(arguments[0])?.dataset.status ?? null`, [
      inNode(nodeId, 'generation-status'),
    ]);
  const waitStatus = (nodeId, wanted, timeout = 30000) =>
    s().waitUntil(`${nodeId} is ${wanted}`, async () => (await statusOf(nodeId)) === wanted, timeout);
  const loadedImages = (nodeId) =>
    s().execute(
      `return [...document.querySelectorAll(arguments[0])].filter((i) => i.complete && i.naturalWidth > 0).length`,
      [inNode(nodeId, 'node-image')],
    );
  const openSettingsAi = async () => {
    await s().click(byId('open-settings'));
    await s().waitFor(byId('settings'));
    // Settings is a page with a section list: show AI providers.
    await s().click(byId('settings-nav-ai'));
    await s().waitFor(byId('settings-ai'));
  };
  const closeSettings = () => s().click(byId('settings-close'));

  await test('a fal key added in Settings → AI providers is tested, kept, and never shown again', async () => {
    const work = mkdtempSync(join(tmpdir(), 'koda-gen-'));
    for (const canvas of CANVASES) {
      const file = join(work, `${canvas.id}.json`);
      writeFileSync(file, JSON.stringify(canvas));
      execFileSync(koda, ['--data-dir', dataDir, 'import', file]);
    }
    await launch();
    await openSettingsAi();
    const [input] = await s().waitFor(byId('ai-key-input'));
    await input.click();
    await input.type(KEY);
    await s().click(byId('ai-key-test'));
    const [result] = await s().waitFor(byId('ai-key-test-result'));
    await s().waitUntil('the key test answers', async () => (await result.attribute('data-ok')) === 'true');
    await s().click(byId('ai-key-save'));
    await s().waitFor(byId('ai-key-location'));
    // Saving clears the field: from then on the key is nowhere in the page.
    await s().waitUntil(
      'the key is gone from the page after saving',
      async () => !(await s().execute('return document.documentElement.outerHTML')).includes(KEY),
    );
    await screenshot('settings-ai-providers');
    await closeSettings();
  });

  await test('Generate on a text → image chain shows two images, with one submission', async () => {
    await openCanvas('Generate basics');
    const cost = await s().waitFor(`${inNode('img1', 'generation-cost')}[data-state="ready"]`);
    figures.imageRunEstimate = (await cost[0].text()).trim();
    const clicked = Date.now();
    await s().click(inNode('img1', 'generate'));
    await s().waitUntil('two images appear', async () => (await loadedImages('img1')) >= 2, 30000);
    figures.generateToTwoImagesMs = Date.now() - clicked;
    // Click to the request reaching fal's queue (same machine clock): saving the canvas first,
    // recording the run, sending it.
    figures.generateToRequestMs = (await submitted('a lighthouse at dusk')).lastAt - clicked;
    if ((await submissions('a lighthouse at dusk')) !== 1) throw new Error('expected exactly one submission');
  });

  await test('Run all shows the cost first, skips the unchanged image and runs the video from it', async () => {
    await s().click(byId('run-all'));
    const [cost] = await s().waitFor(byId('run-all-cost'));
    figures.runAllEstimate = (await cost.text()).trim();
    await s().click(byId('run-all-confirm'));
    await waitStatus('vid1', 'completed', 45000);
    if ((await submissions('a lighthouse at dusk')) !== 1) throw new Error('the unchanged image ran again');
    if ((await submissions('slow dolly in')) !== 1) throw new Error('the video did not run exactly once');
    await screenshot('generation-canvas');
  });

  await test("a refused run shows fal's reason, and Retry runs it", async () => {
    await openCanvas('Generate refused');
    await s().click(inNode('img2', 'generate'));
    const [error] = await s().waitFor(inNode('img2', 'generation-error'), { timeout: 30000 });
    const reason = await error.text();
    if (!/flagged/i.test(reason)) throw new Error(`the reason is not shown: ${reason}`);
    await s().click(inNode('img2', 'generation-retry'));
    await s().waitUntil(
      'the retried run brings an image',
      async () => (await loadedImages('img2')) >= 1,
      30000,
    );
  });

  await test('a run in flight when the app quits finishes after a relaunch, sent once', async () => {
    await openCanvas('Generate slow');
    await s().click(inNode('img3', 'generate'));
    await s().waitUntil(
      'the run was accepted',
      async () => (await submissions('slow lighthouse keeper')) === 1,
      20000,
    );
    await quit();
    await launch();
    await openCanvas('Generate slow');
    await s().waitUntil(
      'the run finished after the relaunch',
      async () => (await loadedImages('img3')) >= 1,
      45000,
    );
    if ((await submissions('slow lighthouse keeper')) !== 1) throw new Error('the run was sent again');
  });

  await test('the History panel lists the runs with their costs', async () => {
    await s().click(byId('history-open'));
    await s().waitFor(byId('history-panel'));
    const rows = await s().findAll(byId('history-row'));
    if (rows.length < 1) throw new Error('no runs in the history');
    const text = await (await s().waitFor(byId('history-panel')))[0].text();
    if (!text.includes('$')) throw new Error(`no costs in the history: ${text.slice(0, 200)}`);
    await screenshot('history-panel');
  });

  await test('the monthly cap stops a run with a clear message', async () => {
    await s().execute(`document.querySelector('[data-testid="history-close"]')?.click()`);
    await openSettingsAi();
    const [cap] = await s().waitFor(byId('ai-monthly-cap'));
    await cap.click();
    await cap.type('0.01');
    // The cap is saved when the field is left.
    await s().execute('arguments[0].blur()', [cap.ref()]);
    await s().waitUntil('the cap is saved', async () => (await cap.attribute('value')) === '0.01');
    await new Promise((r) => setTimeout(r, 800));
    await closeSettings();
    await openCanvas('Generate basics');
    const before = await submissions('a lighthouse at dusk');
    await s().execute(
      `const t = document.querySelector('.react-flow__node[data-id="t1"] textarea'); if (t) { t.focus(); }`,
    );
    await s().click(inNode('img1', 'generate'));
    const [error] = await s().waitFor(inNode('img1', 'generation-error'), { timeout: 20000 });
    const message = await error.text();
    if (!/cap/i.test(message)) throw new Error(`the cap is not explained: ${message}`);
    if ((await submissions('a lighthouse at dusk')) !== before) throw new Error('a run passed the cap');
    // Done here: dismiss what the refusal left on screen.
    await s().execute(
      `document.querySelectorAll('[data-testid="toast"] .toast__close').forEach((b) => b.click())`,
    );
  });
}
