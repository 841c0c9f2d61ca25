// Version history and ⌘K search in the desktop UI, against the fake backend (fake-desktop.js +
// fake-history.js, which fakes `search`, `list_versions`, `get_version` and `restore_version`):
// versions from every source listed with their labels, a preview that sends no write, a node
// restored alone and then a whole version (exact command arguments checked), and a search hit
// landing on its node. Run by desktop-smoke.mjs (ONLY=versions). SHOTS=/dir saves
// `versions-desktop.png` and `search-desktop.png`.
import { fileURLToPath } from 'node:url';
import { canvasRulesScript } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeHistory = fileURLToPath(new URL('./fake-history.js', import.meta.url));
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const node = (id, type, x, y, data) => ({ id, type, position: { x, y }, data });
const edge = (id, source, target, targetHandle) => ({
  id,
  source,
  sourceHandle: 'output',
  target,
  targetHandle,
});

/** The canvas as it is now, and what it looked like before. */
function story(now, brief, note, extra = {}) {
  return {
    id: 'c-lighthouse',
    name: 'Lighthouse campaign',
    createdAt: now - 9 * DAY,
    updatedAt: now - 30 * MIN,
    revision: 12,
    viewport: { x: 80, y: 90, zoom: 0.9 },
    nodes: [
      node('brief', 'text', 0, 0, { name: 'Brief', content: brief }),
      node('hero', 'imageGenerator', 380, 0, { name: 'Hero still', prompt: '', model: 'flux-pro' }),
      node('note', 'stickyNote', 0, 260, { content: note, color: 'yellow' }),
    ],
    edges: [edge('e1', 'brief', 'hero', 'text')],
    ...extra,
  };
}
const other = (now) => ({
  id: 'c-ferry',
  name: 'Night ferry',
  createdAt: now - 30 * DAY,
  updatedAt: now - 3 * DAY,
  revision: 3,
  viewport: { x: 0, y: 0, zoom: 1 },
  nodes: [
    node('f-text', 'text', 0, 0, {
      content: 'Ferry leaving the harbour at night, the lighthouse beam sweeping the bay',
    }),
    node('f-story', 'storyboard', 2400, 1600, {
      name: 'Storyboard',
      concept: 'The keeper hears the foghorn across the bay at dawn',
    }),
  ],
  edges: [],
});

export function historyDesktopScenarios({ browser, base, check, shots }) {
  async function openApp() {
    const now = Date.now();
    const at = (updatedAt, brief, note) => story(now, brief, note, { updatedAt });
    const seed = {
      canvases: [story(now, 'A harbour at noon', 'Client wants warmer light'), other(now)],
      // Versions from every source, oldest first: [canvas then, source, extra info].
      versions: [
        [at(now - 3 * DAY, 'A lighthouse on a calm sea', 'First pass'), 'import', { revision: 2 }],
        [
          at(now - DAY - 2 * HOUR, 'A lighthouse in a storm', 'Moodier'),
          'sync',
          { revision: 5, device: 'Studio iMac' },
        ],
        [
          at(now - 5 * HOUR, 'A lighthouse in a storm at night', 'Moodier — more rain'),
          'teammate',
          { revision: 7, device: 'Ana' },
        ],
        [
          at(now - 2 * HOUR, 'A lighthouse keeper at dusk, volumetric fog', 'Client wants warmer light'),
          'edit',
          { revision: 9 },
        ],
        [at(now - 50 * MIN, 'Keeper at dusk', 'Client wants warmer light'), 'restore', { revision: 11 }],
      ],
    };
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    await context.addInitScript({ content: await canvasRulesScript() });
    await context.addInitScript({ path: fake });
    await context.addInitScript({ path: fakeHistory });
    await context.addInitScript(({ canvases, versions }) => {
      const fake = window.__fakeDesktop;
      canvases.forEach((c) => fake.add(c));
      versions.forEach(([canvas, source, extra]) => fake.history.keep(canvas, source, extra));
    }, seed);
    const page = await context.newPage();
    page.on('pageerror', (e) => check('no page error', false, e.message));
    return { context, page };
  }

  async function scenarioVersionsAndSearchDesktop() {
    const { context, page: p } = await openApp();
    await p.goto(base);
    await p.waitForSelector('[data-canvas-id="c-lighthouse"]');
    const calls = (cmd) =>
      p.evaluate((c) => window.__fakeDesktop.state.calls.filter((x) => x.cmd === c), cmd);
    const stored = () => p.evaluate(() => window.__fakeDesktop.canvases.get('c-lighthouse'));
    const brief = '.react-flow__node[data-id="brief"] [data-testid="node-words"]';

    await p.click('[data-canvas-id="c-lighthouse"] .card__open');
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    await p.click('[data-testid="versions-open"]');
    await p.waitForSelector('[data-testid="version-item"]');
    check(
      'versions (desktop): list_versions asked with the canvas id',
      (await calls('list_versions'))[0]?.args?.canvasId === 'c-lighthouse',
    );
    const rows = await p.$$eval('[data-testid="version-item"]', (els) =>
      els.map((e) => [e.dataset.source, e.querySelector('.version-chip')?.textContent]),
    );
    check(
      'versions (desktop): newest first, each with its source label',
      JSON.stringify(rows) ===
        JSON.stringify([
          ['restore', 'Restore'],
          ['edit', 'Edit'],
          ['teammate', 'Teammate · Ana'],
          ['sync', 'Sync from Studio iMac'],
          ['import', 'Import'],
        ]),
      JSON.stringify(rows),
    );
    check(
      'versions (desktop): grouped by day',
      (await p.$$eval('.versions__day-label', (els) => els.map((e) => e.textContent))).includes('Yesterday'),
    );

    // Preview the edit from two hours ago: shown, nothing written.
    const patchesBefore = (await calls('apply_patch')).length;
    const editRow = '[data-testid="version-item"][data-source="edit"]';
    await p.click(editRow);
    await p.waitForSelector('[data-testid="version-banner"]');
    const versionId = Number(await p.getAttribute(editRow, 'data-version-id'));
    check(
      'versions (desktop): get_version asked for that version',
      JSON.stringify((await calls('get_version')).at(-1)?.args) ===
        JSON.stringify({ canvasId: 'c-lighthouse', versionId }),
    );
    check(
      'versions (desktop): the canvas shows it',
      (await p.inputValue(brief)) === 'A lighthouse keeper at dusk, volumetric fog',
    );
    await p.click('.react-flow__node[data-id="brief"]', { position: { x: 24, y: 14 } });
    await p.waitForSelector('[data-testid="version-restore-node"]:not([disabled])');
    await p.waitForTimeout(800);
    check(
      'versions (desktop): a preview sends no write',
      (await calls('apply_patch')).length === patchesBefore,
    );
    if (shots) await p.screenshot({ path: `${shots}/versions-desktop.png` });

    // Restore that one node.
    await p.click('[data-testid="version-restore-node"]');
    await p.waitForSelector('[data-testid="toast"]:has-text("Restored “Brief”")');
    check(
      'versions (desktop): restore_version with the node id',
      JSON.stringify((await calls('restore_version')).at(-1)?.args) ===
        JSON.stringify({ canvasId: 'c-lighthouse', versionId, nodeId: 'brief' }),
    );
    await p.waitForFunction(
      (sel) => document.querySelector(sel)?.value === 'A lighthouse keeper at dusk, volumetric fog',
      brief,
    );
    const afterNode = await stored();
    check(
      'versions (desktop): only that node changed',
      afterNode.nodes.find((n) => n.id === 'note').data.content === 'Client wants warmer light' &&
        afterNode.nodes.find((n) => n.id === 'brief').data.content ===
          'A lighthouse keeper at dusk, volumetric fog',
    );
    check(
      'versions (desktop): no "changed elsewhere" notice for our own restore',
      (await p.$$('[data-testid="toast"]:has-text("elsewhere")')).length === 0,
    );
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="version-item"]').length === 6);
    check('versions (desktop): the list shows the version the restore kept', true);

    // A whole version: the import from three days ago.
    await p.click('[data-testid="version-item"][data-source="import"]');
    await p.waitForSelector('[data-testid="version-banner"]');
    await p.waitForFunction(
      (sel) => document.querySelector(sel)?.value === 'A lighthouse on a calm sea',
      brief,
    );
    await p.click('[data-testid="version-restore"]');
    await p.waitForSelector('[data-testid="version-banner"]', { state: 'detached' });
    const whole = (await calls('restore_version')).at(-1)?.args;
    check(
      'versions (desktop): a whole restore sends nodeId null',
      whole.nodeId === null,
      JSON.stringify(whole),
    );
    await p.waitForFunction(
      () =>
        document.querySelector('.react-flow__node[data-id="note"] [data-testid="node-words"]')?.value ===
        'First pass',
    );
    check('versions (desktop): the whole canvas is back as it was', true);

    // An unknown version says so instead of failing silently.
    await p.evaluate(() => {
      window.__fakeDesktop.history.versions = window.__fakeDesktop.history.versions.filter(
        (v) => v.info.source !== 'teammate',
      );
    });
    await p.click('[data-testid="version-item"][data-source="teammate"]');
    await p.waitForSelector('[data-testid="toast"]:has-text("no longer exists")');
    check('versions (desktop): a version gone meanwhile is explained', true);
    await p.keyboard.press('Control+Shift+H');
    await p.waitForSelector('[data-testid="versions-panel"]', { state: 'detached' });

    // ⌘K: the search command, then the hit's canvas with its node selected and in view.
    await p.keyboard.press('Control+k');
    await p.keyboard.type('lighthouse');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length >= 3);
    if (shots) await p.screenshot({ path: `${shots}/search-desktop.png` });
    await p.fill('[data-testid="search-input"]', 'foghorn keep');
    await p.waitForSelector('[data-testid="search-result"][data-node-id="f-story"]');
    const asked = (await calls('search')).at(-1)?.args;
    check(
      'search (desktop): search {query: {text, limit, includeTrash}}',
      asked?.query?.text === 'foghorn keep' && asked.query.includeTrash === false && asked.query.limit > 0,
      JSON.stringify(asked),
    );
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid="editor"][data-canvas-id="c-ferry"]');
    await p.waitForSelector('.react-flow__node[data-id="f-story"].selected');
    await p.waitForTimeout(500);
    const inView = await p.$eval('.react-flow__node[data-id="f-story"]', (e) => {
      const r = e.getBoundingClientRect();
      const pane = document.querySelector('.react-flow').getBoundingClientRect();
      return r.left >= pane.left && r.top >= pane.top && r.left < pane.right && r.top < pane.bottom;
    });
    check('search (desktop): Enter lands on the node, selected and in view', inView);
    await context.close();
  }

  return [scenarioVersionsAndSearchDesktop];
}
