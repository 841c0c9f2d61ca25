// Browser-mode end-to-end smoke test: starts Vite in web mode, drives the UI in Chromium with
// playwright-core, and checks what reaches localStorage. Run: `npm run e2e:web`
// (needs a Chromium: CHROMIUM=/path/to/chromium, default /usr/bin/chromium).
import { startHarness } from './harness.mjs';
// Templates, read-only canvases, editor shortcuts and tools, card pictures.
import { editorScenarios } from './web-smoke-editor.mjs';
// Version history and ⌘K search.
import { historyScenarios } from './web-smoke-history.mjs';
import { kodaWebFixture, recordClip, startMediaServer } from './koda-web-media.mjs';

const now = Date.now();
const art = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 260">',
  '<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1">',
  '<stop offset="0" stop-color="#2b1055"/><stop offset=".55" stop-color="#d53369"/>',
  '<stop offset="1" stop-color="#f8b26a"/></linearGradient></defs>',
  '<rect width="400" height="260" fill="url(#s)"/>',
  '<circle cx="290" cy="150" r="46" fill="#ffd38a" opacity=".85"/>',
  '<path d="M0 260V170h30v-40h25v60h20v-90h35v100h25v-60h30v80h20v-120h40v110h25v-50h30v70h30v-40h40v80z"',
  ' fill="#140a24"/>',
  '<g fill="#ff5fa2" opacity=".9"><rect x="92" y="120" width="6" height="4"/>',
  '<rect x="178" y="110" width="6" height="4"/><rect x="186" y="140" width="6" height="4"/>',
  '<rect x="252" y="175" width="6" height="4"/></g>',
  '</svg>',
].join('');
const artUrl = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(art);
const min = 60_000,
  hour = 3_600_000,
  day = 86_400_000;
const n = (id, type, x, y, data, w, h, extra = {}) => ({
  id,
  type,
  position: { x, y },
  data,
  width: w,
  height: h,
  ...extra,
});

const studio = {
  id: 'c-neon',
  name: 'Neon city key art',
  createdAt: now - 9 * day,
  updatedAt: now - 3 * min,
  revision: 7,
  viewport: { x: 80, y: 60, zoom: 0.78 },
  nodes: [
    n('g1', 'group', 760, -40, { name: 'Hero variations' }, 380, 470),
    n(
      'p1',
      'text',
      0,
      40,
      {
        content:
          'A rain-soaked neon city at dusk, reflections on wet asphalt, cinematic wide shot, volumetric fog, 35mm',
      },
      300,
      190,
    ),
    n('m1', 'media', 0, 290, { type: 'image', name: 'moodboard-01.jpg', url: artUrl }, 300, 230),
    n('ig', 'imageGenerator', 390, 60, { prompt: '', model: 'flux-pro', aspectRatio: '16:9' }, 310, 340),
    n('vg', 'videoGenerator', 40, 40, { prompt: '', model: 'veo-3.1-i2v', duration: 8 }, 300, 340, {
      parentId: 'g1',
    }),
    n(
      's1',
      'stickyNote',
      400,
      440,
      { content: 'Client wants more magenta in the sky. Try 3 variations before Friday.', color: 'yellow' },
      240,
      150,
    ),
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'output', target: 'ig', targetHandle: 'text' },
    { id: 'e2', source: 'm1', sourceHandle: 'output', target: 'ig', targetHandle: 'reference' },
    { id: 'e3', source: 'ig', sourceHandle: 'output', target: 'vg', targetHandle: 'reference' },
    { id: 'e4', source: 'p1', sourceHandle: 'output', target: 'vg', targetHandle: 'text' },
  ],
};

const simple = (id, name, ago, created, count) => ({
  id,
  name,
  createdAt: now - created,
  updatedAt: now - ago,
  revision: 2,
  nodes: Array.from({ length: count }, (_, i) =>
    n(
      `${id}-n${i}`,
      ['text', 'imageGenerator', 'stickyNote', 'media'][i % 4],
      (i % 3) * 340,
      Math.floor(i / 3) * 300,
      i % 4 === 2 ? { content: 'note', color: ['pink', 'blue', 'green'][i % 3] } : {},
      280,
      220,
    ),
  ),
  edges:
    count > 1
      ? [
          {
            id: `${id}-e`,
            source: `${id}-n0`,
            sourceHandle: 'output',
            target: `${id}-n1`,
            targetHandle: 'text',
          },
        ]
      : [],
});

const canvases = [
  studio,
  simple('c-album', 'Album cover — “Tidal”', 2 * hour, 20 * day, 5),
  simple('c-story', 'Storyboard: opening sequence', 26 * hour, 30 * day, 9),
  simple('c-brand', 'Brand moodboard', 3 * day, 40 * day, 4),
  simple('c-empty', 'Untitled canvas', 6 * day, 6 * day, 0),
  simple('c-char', 'Character turnarounds', 12 * day, 60 * day, 7),
];

const { base, browser, check, run } = await startHarness({ mode: 'web', port: 5199 });
function watch(page) {
  page.on('pageerror', (e) => check('no page error', false, e.message));
}

async function scenarioEditing() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  watch(p);
  const stored = () => p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases') || '[]'));
  const state = () => p.getAttribute('[data-testid="save-status"]', 'data-state');

  await p.goto(base);
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.waitForSelector('[data-testid="empty-canvases"]');
  check('empty state shown', true);
  await p.click('[data-testid="new-canvas"]');
  // New canvas opens the template gallery; Blank makes an empty canvas.
  await p.click('[data-testid="template-blank"]');
  await p.waitForSelector('[data-testid="editor"] .react-flow');
  check('editor opened', p.url().includes('#/canvas/'));
  check('empty hint', await p.isVisible('[data-testid="canvas-empty-hint"]'));
  await p.click('[data-testid="add-node-prompt"]');
  await p.click('[data-testid="add-node-image"]');
  await p.waitForTimeout(100);
  const ids = await p.$$eval('.react-flow__node', (els) =>
    els.map((e) => [e.getAttribute('data-id'), e.className.match(/react-flow__node-(\w+)/)[1]]),
  );
  check('two nodes', ids.length === 2, JSON.stringify(ids));
  const promptId = ids.find((x) => x[1] === 'text')[0];
  const imageId = ids.find((x) => x[1] === 'imageGenerator')[0];
  await p.click(`.react-flow__node[data-id="${promptId}"] textarea`);
  await p.keyboard.type('a lighthouse in a storm');
  check('typing does not delete node (Backspace in textarea)', true);
  await p.keyboard.press('Backspace');
  check('node still there after Backspace in textarea', (await p.$$('.react-flow__node')).length === 2);
  check('saving while typing', (await state()) === 'saving');
  const bad = await p.evaluate(
    ([a, b]) => window.__kodaTest.connect(a, 'output', b, 'reference'),
    [promptId, imageId],
  );
  check('text→image refused', bad === false);
  const good = await p.evaluate(
    ([a, b]) => window.__kodaTest.connect(a, 'output', b, 'text'),
    [promptId, imageId],
  );
  check('text→prompt connected', good === true);
  const dup = await p.evaluate(
    ([a, b]) => window.__kodaTest.connect(a, 'output', b, 'text'),
    [promptId, imageId],
  );
  check('duplicate refused', dup === false);
  await p.waitForTimeout(1500);
  check('saved', (await state()) === 'saved');
  let c = (await stored())[0];
  check(
    'stored 2 nodes, 1 edge',
    c.nodes.length === 2 && c.edges.length === 1,
    `${c.nodes.length}/${c.edges.length}`,
  );
  check('stored text', c.nodes.find((n) => n.id === promptId)?.data.content === 'a lighthouse in a stor');
  check(
    'no transient fields stored',
    !JSON.stringify(c.nodes).includes('"selected"') && !JSON.stringify(c.nodes).includes('"measured"'),
  );
  await p.click('.react-flow__pane', { position: { x: 900, y: 600 } });
  await p.keyboard.press('Control+z');
  await p.waitForTimeout(100);
  check('undo removed edge', (await p.$$('.react-flow__edge')).length === 0);
  await p.keyboard.press('Control+Shift+z');
  await p.waitForTimeout(100);
  check('redo restored edge', (await p.$$('.react-flow__edge')).length === 1);
  await p.keyboard.press('Control+a');
  await p.keyboard.press('Control+c');
  await p.keyboard.press('Control+v');
  await p.waitForTimeout(100);
  check(
    'paste made 4 nodes, 2 edges',
    (await p.$$('.react-flow__node')).length === 4 && (await p.$$('.react-flow__edge')).length === 2,
  );
  await p.keyboard.press('Delete');
  await p.waitForTimeout(100);
  check('delete removed pasted selection', (await p.$$('.react-flow__node')).length === 2);
  await p.keyboard.press('Control+z');
  await p.waitForTimeout(100);
  check('undo delete', (await p.$$('.react-flow__node')).length === 4);
  await p.keyboard.press('Control+z');
  await p.waitForTimeout(100);
  check('undo paste', (await p.$$('.react-flow__node')).length === 2);
  await p.keyboard.press('Escape');
  await p.click(`.react-flow__node[data-id="${imageId}"] .knode__header`);
  await p.keyboard.press('Control+d');
  await p.waitForTimeout(100);
  check('ctrl+d duplicated', (await p.$$('.react-flow__node')).length === 3);
  await p.keyboard.press('Delete');
  await p.waitForTimeout(50);
  // context menu
  await p.click('.react-flow__pane', { button: 'right', position: { x: 1000, y: 300 } });
  await p.click('[data-testid="context-add-node-note"]');
  await p.waitForTimeout(100);
  check('context menu added a note', (await p.$$('.react-flow__node-stickyNote')).length === 1);
  await p.click('[data-testid="editor-name"]');
  await p.fill('[data-testid="rename-input"]', 'Storm study');
  await p.keyboard.press('Enter');
  await p.waitForTimeout(800);
  c = (await stored())[0];
  check('rename stored via patch', c.name === 'Storm study', c.name);
  // drag a node to move it
  const box = await p.locator(`.react-flow__node[data-id="${promptId}"] .knode__header`).boundingBox();
  await p.mouse.move(box.x + 40, box.y + 10);
  await p.mouse.down();
  await p.mouse.move(box.x + 140, box.y + 60, { steps: 8 });
  await p.mouse.up();
  await p.waitForTimeout(800);
  c = (await stored())[0];
  const moved = c.nodes.find((n) => n.id === promptId).position;
  check('drag stored new position', moved.x !== 0 || moved.y !== 0, JSON.stringify(moved));
  // zoom changes the viewport
  await p.click('.react-flow__controls-zoomin');
  await p.waitForTimeout(900);
  c = (await stored())[0];
  check('viewport stored', !!c.viewport && c.viewport.zoom > 0.99, JSON.stringify(c.viewport));
  // conflict: another tab writes a newer revision
  await p.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('spaces-canvases'));
    all[0].revision += 5;
    all[0].name = 'Changed in other tab';
    localStorage.setItem('spaces-canvases', JSON.stringify(all));
  });
  await p.click('[data-testid="add-node-media"]');
  await p.waitForTimeout(900);
  check('conflict state', (await state()) === 'conflict', await state());
  check('reloaded name', (await p.textContent('[data-testid="editor-name"]')) === 'Changed in other tab');
  // error + retry
  await p.evaluate(() => {
    window.__realSet = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await p.click('[data-testid="add-node-video"]');
  await p.waitForTimeout(900);
  check('error state', (await state()) === 'error', await state());
  await p.evaluate(() => {
    Storage.prototype.setItem = window.__realSet;
  });
  await p.click('[data-testid="save-retry"]');
  await p.waitForTimeout(500);
  check('retry saved', (await state()) === 'saved', await state());
  c = (await stored())[0];
  check(
    'video node stored after retry',
    c.nodes.some((n) => n.type === 'videoGenerator'),
  );
  const vp = c.viewport;
  // reload restores viewport
  await p.reload();
  await p.waitForSelector('.react-flow__viewport');
  await p.waitForTimeout(500);
  const transform = await p.$eval('.react-flow__viewport', (e) => e.style.transform);
  check(
    'viewport restored',
    transform.includes(`scale(${vp.zoom})`),
    transform + ' vs ' + JSON.stringify(vp),
  );
  await p.click('[data-testid="editor-back"]');
  await p.waitForSelector('[data-testid="canvas-card"]');
  await p.waitForTimeout(400);
  const meta = await p.textContent('[data-testid="canvas-card"] .card__meta');
  check('card shows node count', /\d+ nodes/.test(meta), meta);
  check('card has thumbnail', (await p.$$('[data-testid="canvas-card"] .thumb__image')).length === 1);
  // duplicate, trash, undo
  await p.click('[data-testid="card-menu"]');
  await p.click('[data-testid="card-duplicate"]');
  await p.waitForTimeout(300);
  check('duplicate card', (await p.$$('[data-testid="canvas-card"]')).length === 2);
  await p.click('[data-testid="canvas-card"] >> nth=0 >> [data-testid="card-menu"]');
  await p.click('[data-testid="card-trash"]');
  await p.waitForSelector('[data-testid="toast-undo"]');
  check('trashed', (await p.$$('[data-testid="canvas-card"]')).length === 1);
  await p.click('[data-testid="toast-undo"]');
  await p.waitForTimeout(300);
  check('undo trash', (await p.$$('[data-testid="canvas-card"]')).length === 2);
  // rename on card
  await p.click('[data-testid="canvas-card"] >> nth=1 >> [data-testid="card-menu"]');
  await p.click('[data-testid="card-rename"]');
  await p.fill('[data-testid="rename-input"]', 'Renamed on card');
  await p.keyboard.press('Escape');
  await p.waitForTimeout(200);
  check(
    'esc cancels rename',
    !(
      await p.textContent('[data-testid="canvas-card"] >> nth=1 >> [data-testid="canvas-card-name"]')
    ).includes('Renamed on card'),
  );
  await p.click('[data-testid="canvas-card"] >> nth=1 >> [data-testid="card-menu"]');
  await p.click('[data-testid="card-rename"]');
  await p.fill('[data-testid="rename-input"]', 'Renamed on card');
  await p.keyboard.press('Enter');
  await p.waitForTimeout(300);
  check(
    'enter saves rename',
    (await p.$$eval('[data-testid="canvas-card-name"]', (els) => els.map((e) => e.textContent))).includes(
      'Renamed on card',
    ),
  );
  await p.fill('[data-testid="search"]', 'renamed');
  check('search filters', (await p.$$('[data-testid="canvas-card"]')).length === 1);
  await p.fill('[data-testid="search"]', '');
  // trash and purge
  await p.click('[data-testid="canvas-card"] >> nth=0 >> [data-testid="card-menu"]');
  await p.click('[data-testid="card-trash"]');
  await p.click('[data-testid="nav-trash"]');
  await p.waitForSelector('[data-testid="trash-item"]');
  await p.click('[data-testid="trash-purge"]');
  await p.click('[data-testid="confirm-ok"]');
  await p.waitForSelector('[data-testid="empty-trash"]');
  check('purged', true);
  // settings
  await p.click('[data-testid="open-settings"]');
  await p.click('[data-testid="theme-light"]');
  check('light theme applied', (await p.getAttribute('html', 'data-theme')) === 'light');
  check('aria-checked', (await p.getAttribute('[data-testid="theme-light"]', 'aria-checked')) === 'true');
  await p.click('[data-testid="settings-nav-ai"]');
  await p.waitForSelector('[data-testid="settings-ai"]');
  check(
    'AI providers: only the default models in the browser',
    (await p.isVisible('[data-testid="settings-ai"] [data-testid="ai-unavailable"]')) &&
      (await p.$('[data-testid="ai-key-input"]')) === null &&
      (await p.isVisible('[data-testid="default-image-model"]')),
  );
  await p.keyboard.press('Escape');
  check('esc closes settings', !(await p.isVisible('[data-testid="settings"]')));
  const settings = await p.evaluate(() => JSON.parse(localStorage.getItem('koda-settings')));
  check('theme saved', settings.theme === 'light');
  await context.close();
}

// Browser media: files go to IndexedDB (koda-asset:// in the canvas), typed by their bytes.
async function scenarioBrowserMedia() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  watch(p);
  await p.goto(base);
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.click('[data-testid="new-canvas"]');
  await p.click('[data-testid="template-blank"]');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.click('[data-testid="add-node-media"]');
  await p.waitForSelector('[data-testid="media-empty"]');
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  // A PNG named like a video is still an image.
  await p.setInputFiles('.react-flow__node-media input[type=file]', {
    name: 'still.mov',
    mimeType: 'video/quicktime',
    buffer: png,
  });
  await p.waitForSelector('.react-flow__node-media img.media-drop__media');
  const src = await p.getAttribute('.react-flow__node-media img.media-drop__media', 'src');
  check('dropped image shown from a blob: URL', src.startsWith('blob:'), src);
  await p.waitForTimeout(800);
  const stored = await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))[0].nodes[0].data);
  check(
    'node keeps a koda-asset:// reference',
    /^koda-asset:\/\/[0-9a-f]{64}$/.test(stored.url) &&
      stored.type === 'image' &&
      stored.name === 'still.mov',
    JSON.stringify(stored),
  );
  const inDb = await p.evaluate(
    (sha) =>
      new Promise((resolve) => {
        const open = indexedDB.open('koda-assets');
        open.onsuccess = () => {
          const get = open.result.transaction('blobs').objectStore('blobs').get(sha);
          get.onsuccess = () => resolve(get.result ? get.result.mimeType : null);
        };
      }),
    stored.url.slice('koda-asset://'.length),
  );
  check('blob kept in IndexedDB with its sniffed type', inDb === 'image/png', String(inDb));
  await p.reload();
  await p.waitForSelector('.react-flow__node-media img.media-drop__media');
  check(
    'still shown after a reload',
    (await p.getAttribute('.react-flow__node-media img.media-drop__media', 'src')).startsWith('blob:'),
  );
  // A text file called .png is refused with a clear toast.
  await p.click('[data-testid="add-node-media"]');
  await p.waitForSelector('[data-testid="media-empty"]');
  await p.setInputFiles('[data-testid="media-empty"] input[type=file]', {
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just some text'),
  });
  await p.waitForSelector('[data-testid="toast"]');
  const toast = await p.textContent('[data-testid="toast"]');
  check(
    'refused file explained',
    toast.includes('“notes.png” is not an image or a video Koda can show'),
    toast,
  );
  await context.close();
}

async function scenarioTwoTabsAndGroups() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = await context.newPage();
  const b = await context.newPage();
  watch(a);
  watch(b);
  await a.goto(base);
  await a.evaluate((cs) => {
    localStorage.clear();
    localStorage.setItem('spaces-canvases', JSON.stringify(cs));
  }, canvases);
  await a.goto(base + '#/canvas/c-neon');
  await a.reload();
  await a.waitForSelector('.react-flow__node');
  await b.goto(base + '#/');
  await b.waitForSelector('[data-testid="canvas-card"]');
  // B renames the canvas on the dashboard: A (no unsaved edits) reloads it.
  await b.click('[data-canvas-id="c-neon"] [data-testid="card-menu"]');
  await b.click('[data-testid="card-rename"]');
  await b.fill('[data-testid="rename-input"]', 'Renamed in tab B');
  await b.keyboard.press('Enter');
  await a.waitForTimeout(600);
  check(
    'A reloaded external rename',
    (await a.textContent('[data-testid="editor-name"]')) === 'Renamed in tab B',
    await a.textContent('[data-testid="editor-name"]'),
  );
  check('A status saved', (await a.getAttribute('[data-testid="save-status"]', 'data-state')) === 'saved');
  // A adds a node: B's dashboard follows.
  await a.click('[data-testid="add-node-prompt"]');
  await b.waitForTimeout(1200);
  const meta = await b.textContent('[data-canvas-id="c-neon"] .card__meta');
  check('B dashboard updated node count', meta.startsWith('7 nodes'), meta);
  // Drag the sticky note into the group.
  const note = a.locator('.react-flow__node[data-id="s1"]');
  const group = await a.locator('.react-flow__node[data-id="g1"]').boundingBox();
  const nb = await note.boundingBox();
  await a.mouse.move(nb.x + 20, nb.y + 5);
  await a.mouse.down();
  await a.mouse.move(
    group.x + group.width / 2 - nb.width / 2 + 20,
    group.y + group.height - nb.height / 2 - 10,
    { steps: 12 },
  );
  await a.mouse.up();
  await a.waitForTimeout(800);
  let stored = await a.evaluate(() =>
    JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === 'c-neon'),
  );
  let s1 = stored.nodes.find((n) => n.id === 's1');
  // Koda web groups: the group lists its members, positions stay absolute.
  const membersOf = (canvas) => canvas.nodes.find((n) => n.id === 'g1').data.childNodeIds ?? [];
  check(
    'note moved into group',
    membersOf(stored).includes('s1') && s1.parentId === undefined,
    JSON.stringify(s1.position),
  );
  check(
    'group stays before child in stored order',
    stored.nodes.findIndex((n) => n.id === 'g1') < stored.nodes.findIndex((n) => n.id === 's1'),
  );
  // Undo the drag: back out of the group.
  await a.keyboard.press('Control+z');
  await a.waitForTimeout(800);
  stored = await a.evaluate(() =>
    JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === 'c-neon'),
  );
  s1 = stored.nodes.find((n) => n.id === 's1');
  check('undo takes it out again', !membersOf(stored).includes('s1'), JSON.stringify(s1));
  // Select all, delete: edges go with nodes; group contents go too.
  await a.click('.react-flow__pane', { position: { x: 1000, y: 600 } });
  await a.keyboard.press('Control+a');
  await a.keyboard.press('Backspace');
  await a.waitForTimeout(800);
  stored = await a.evaluate(() =>
    JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === 'c-neon'),
  );
  check(
    'everything deleted and stored',
    stored.nodes.length === 0 && stored.edges.length === 0,
    `${stored.nodes.length}/${stored.edges.length}`,
  );
  check('empty hint back', await a.isVisible('[data-testid="canvas-empty-hint"]'));
  await a.keyboard.press('Control+z');
  await a.waitForTimeout(800);
  stored = await a.evaluate(() =>
    JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === 'c-neon'),
  );
  check(
    'undo restores all',
    stored.nodes.length === 7 && stored.edges.length === 4,
    `${stored.nodes.length}/${stored.edges.length}`,
  );
  await context.close();
}

// Settings in the browser: a page with the sections that work here (no Database, Asset storage,
// Cloud sync or Backups), the section in the hash so a reload keeps it, Up/Down through the list.
async function scenarioSettingsPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  watch(p);
  await p.goto(base);
  await p.evaluate((cs) => {
    localStorage.clear();
    localStorage.setItem('spaces-canvases', JSON.stringify(cs));
  }, canvases);
  await p.reload();
  await p.waitForSelector('[data-testid="canvas-card"]');
  const shown = () => p.getAttribute('[data-testid="settings-panel"]', 'data-section');
  await p.keyboard.press('Control+Comma');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="general"]');
  check('settings (web): Ctrl+, opens General', p.url().endsWith('#/?settings=general'), p.url());
  check(
    'settings (web): only the sections a browser has',
    JSON.stringify(
      await p.$$eval('[data-testid="settings-nav"] [role="tab"]', (tabs) =>
        tabs.map((t) => t.dataset.section),
      ),
    ) === JSON.stringify(['general', 'canvas', 'ai', 'storage']),
  );
  check('settings (web): no logs in a browser', (await p.$('[data-testid="open-logs-folder"]')) === null);
  if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/settings-web-general.png` });
  for (const [id, title] of [
    ['canvas', 'Canvas'],
    ['ai', 'AI providers'],
    ['storage', 'Storage'],
  ]) {
    await p.click(`[data-testid="settings-nav-${id}"]`);
    await p.waitForSelector(`[data-testid="settings-panel"][data-section="${id}"]`);
    check(
      `settings (web): ${title} opens from the list`,
      (await p.textContent('[data-testid="settings-heading"]')) === title &&
        p.url().endsWith(`?settings=${id}`),
    );
  }
  await p.waitForSelector('[data-testid="storage-backend"]:has-text("Browser · localStorage")');
  check(
    'settings (web): Storage says what the desktop app adds',
    (await p.textContent('[data-testid="storage-desktop-note"]')).includes('cloud sync and backups'),
  );
  if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/settings-web-storage.png` });
  await p.keyboard.press('ArrowDown');
  check('settings (web): ArrowDown wraps to General', (await shown()) === 'general');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  check('settings (web): ArrowDown moves down the list', (await shown()) === 'ai');
  await p.keyboard.press('ArrowUp');
  check('settings (web): ArrowUp moves up', (await shown()) === 'canvas');
  await p.reload();
  await p.waitForSelector('[data-testid="settings-panel"][data-section="canvas"]');
  check('settings (web): a reload keeps the section', p.url().endsWith('#/?settings=canvas'));
  // A desktop-only section named in a link shows General here.
  await p.goto(`${base}#/trash?settings=cloud-sync`);
  await p.waitForSelector('[data-testid="settings-panel"][data-section="general"]');
  check(
    'settings (web): a desktop-only section shows General',
    p.url().endsWith('#/trash?settings=general'),
    p.url(),
  );
  await p.click('[data-testid="settings-close"]');
  await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });
  check(
    'settings (web): ✕ goes back to the screen under it',
    p.url().endsWith('#/trash') && (await p.isVisible('[data-testid="nav-trash"][aria-current="page"]')),
  );
  // The storage badge opens Storage.
  await p.click('[data-testid="storage-badge"]');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="storage"]');
  check('settings (web): the storage badge opens Storage', true);
  await context.close();
}

async function scenarioKeyboardResizeSettings() {
  const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  watch(p);
  await p.goto(base);
  await p.evaluate((cs) => {
    localStorage.clear();
    localStorage.setItem('spaces-canvases', JSON.stringify(cs));
  }, canvases);
  await p.reload();
  await p.waitForSelector('[data-testid="canvas-card"]');
  // keyboard: focus search, tab into the first card, Enter opens it
  await p.focus('[data-testid="new-canvas"]');
  await p.keyboard.press('Tab');
  const focused = await p.evaluate(() => document.activeElement.getAttribute('aria-label'));
  check('tab reaches first card', /^Open /.test(focused || ''), focused);
  await p.keyboard.press('Enter');
  await p.waitForSelector('.react-flow__node');
  check('enter opened canvas', p.url().includes('#/canvas/c-neon'));
  // resize the sticky note
  await p.click('.react-flow__node[data-id="s1"]', { position: { x: 5, y: 5 } });
  const handle = p.locator('.react-flow__node[data-id="s1"] .react-flow__resize-control.bottom.right');
  const hb = await handle.boundingBox();
  await p.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await p.mouse.down();
  await p.mouse.move(hb.x + 80, hb.y + 60, { steps: 6 });
  await p.mouse.up();
  await p.waitForTimeout(800);
  let s1 = (await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))))
    .find((c) => c.id === 'c-neon')
    .nodes.find((n) => n.id === 's1');
  check('resize stored', s1.width > 240 && s1.height > 150, `${s1.width}x${s1.height}`);
  check('undo enabled after resize', await p.isEnabled('[data-testid="undo"]'));
  await p.click('[data-testid="undo"]');
  await p.waitForTimeout(800);
  s1 = (await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))))
    .find((c) => c.id === 'c-neon')
    .nodes.find((n) => n.id === 's1');
  check('undo resize', s1.width === 240 && s1.height === 150, `${s1.width}x${s1.height}`);
  // change a model
  await p.selectOption('.react-flow__node[data-id="ig"] [data-testid="model-select"]', 'nanobanana-pro');
  await p.waitForTimeout(600);
  const ig = (await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))))
    .find((c) => c.id === 'c-neon')
    .nodes.find((n) => n.id === 'ig');
  check('model stored', ig.data.model === 'nanobanana-pro');
  check(
    'generate disabled with tooltip',
    (await p.isDisabled('.react-flow__node[data-id="ig"] [data-testid="generate"]')) &&
      (await p.getAttribute('.react-flow__node[data-id="ig"] [data-testid="generate-tooltip"]', 'title')) ===
        'Generating needs the Koda desktop app',
  );
  check(
    'no cost estimate in the browser',
    (await p.$('.react-flow__node[data-id="ig"] [data-testid="generation-cost"]')) === null,
  );
  check('run all disabled in the browser', await p.isDisabled('[data-testid="run-all"]'));
  await p.click('[data-testid="history-open"]');
  await p.waitForSelector('[data-testid="history-panel"] [data-testid="history-unavailable"]');
  check(
    'history: says generating needs the desktop app',
    (await p.textContent('[data-testid="history-unavailable"]')).includes('Koda desktop app') &&
      (await p.$$('[data-testid="history-row"]')).length === 0,
  );
  await p.click('[data-testid="history-close"]');
  // title
  check('window title', (await p.title()) === 'Neon city key art — Koda', await p.title());
  check(
    'generator shows the wired text',
    (await p.textContent('.react-flow__node[data-id="ig"] .knode__incoming')).includes(
      'rain-soaked neon city',
    ),
  );
  await p.click('.react-flow__pane', { position: { x: 1000, y: 600 } });
  await p.keyboard.press('Shift+?');
  check('? opens the shortcuts sheet', await p.isVisible('[data-testid="shortcuts-dialog"]'));
  await p.keyboard.press('Escape');
  check('Esc closes it', !(await p.isVisible('[data-testid="shortcuts-dialog"]')));
  await p.dragAndDrop('[data-testid="add-node-prompt"]', '.react-flow__pane', {
    targetPosition: { x: 1000, y: 500 },
  });
  check('palette drag adds a node where dropped', (await p.$$('.react-flow__node-text')).length === 2);
  await p.keyboard.press('Control+z');
  // settings: minimap off hides minimap
  await p.click('[data-testid="open-settings"]');
  await p.click('[data-testid="settings-nav-canvas"]');
  await p.click('[data-testid="show-minimap"]');
  await p.keyboard.press('Escape');
  check('minimap hidden', (await p.$$('.react-flow__minimap')).length === 0);
  // Delete key does nothing while typing in a prompt
  await p.click('.react-flow__node[data-id="p1"] textarea');
  await p.keyboard.press('Control+a');
  await p.keyboard.press('Delete');
  await p.waitForTimeout(100);
  check(
    'ctrl+a/delete inside textarea edits text only',
    (await p.$$('.react-flow__node')).length === 6 &&
      (await p.inputValue('.react-flow__node[data-id="p1"] textarea')) === '',
  );
}

// A Koda web canvas (tests/fixtures/koda-web/showcase.json: all 13 node types, older and newer
// handle ids, a type from the future) imported as a file opens as its authors made it: every
// node with its words and outputs, every edge drawn, nothing in its data rewritten.
async function scenarioKodaWebShowcase() {
  const media = await startMediaServer({ clip: await recordClip(browser) });
  const showcase = kodaWebFixture('showcase', media.base);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const p = await context.newPage();
  watch(p);
  await p.goto(base);
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.setInputFiles('[data-testid="import-file"]', {
    name: 'showcase.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(showcase)),
  });
  await p.waitForSelector('[data-testid="canvas-card"]');
  await p.click('[data-testid="canvas-card"] [aria-label^="Open "]');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.waitForTimeout(1200);
  check('showcase: drawn in full detail', (await p.getAttribute('.canvas-area', 'data-detail')) === 'full');
  for (const node of showcase.nodes) {
    const root = `.react-flow__node[data-id="${node.id}"] [data-testid="node-${node.type}"][data-node-id="${node.id}"]`;
    const words = await p
      .$eval(`${root} [data-testid="node-words"], ${root}[data-testid="node-words"]`, (el) =>
        ('value' in el && typeof el.value === 'string' ? el.value : el.textContent).trim(),
      )
      .catch(() => '');
    check(`showcase: ${node.type} "${node.id}" drawn with its words`, words.length > 0, words);
  }
  check(
    'showcase: sticky note words',
    (await p.inputValue('.react-flow__node[data-id="lh_sticky_note"] [data-testid="node-words"]')).startsWith(
      'Keep the beam warm amber',
    ),
  );
  check(
    'showcase: unknown type drawn as a readable card',
    (
      await p.textContent('.react-flow__node[data-id="lh_future_tideclock"] [data-testid="node-unknown"]')
    ).includes('North Point'),
  );
  check(
    'showcase: plugin drawn as a card',
    (
      await p.textContent('.react-flow__node[data-id="lh_plugin_titlecard"] [data-testid="node-unknown"]')
    ).includes('animation-generator'),
  );
  const edges = await p.$$eval('.react-flow__edge', (els) =>
    els.map((e) => [e.getAttribute('data-id'), e.querySelector('path')?.getAttribute('d') ?? '']),
  );
  const drawn = new Map(edges);
  for (const edge of showcase.edges)
    check(
      `showcase: edge ${edge.id} (${edge.sourceHandle} → ${edge.targetHandle}) drawn`,
      /^M[\d.-]/.test(drawn.get(edge.id) ?? '') && !drawn.get(edge.id).includes('NaN'),
      drawn.get(edge.id),
    );
  check(
    'showcase: as many edges drawn as stored',
    edges.length === showcase.edges.length,
    `${edges.length}/${showcase.edges.length}`,
  );
  await p
    .waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="node-image"]')].every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      null,
      { timeout: 5000 },
    )
    .catch(() => {});
  const images = await p.$$eval(
    '.react-flow__node[data-id="lh_img_hero"] [data-testid="node-image"]',
    (els) => els.map((e) => [e.getAttribute('src'), e.naturalWidth]),
  );
  check(
    'showcase: the generated images, the current one large',
    images.length === 3 &&
      images[0][0] === `${media.base}/img/lighthouse-1.png` &&
      images.every(([, w]) => w > 0),
    JSON.stringify(images),
  );
  check(
    'showcase: the video output plays from its URL',
    (await p.getAttribute(
      '.react-flow__node[data-id="lh_video_dolly"] [data-testid="node-video"]',
      'src',
    )) === `${media.base}/video/clip.mp4`,
  );
  check(
    'showcase: music and speech outputs as audio players',
    (await p.$$('[data-testid="node-audio"]')).length === 2,
  );
  check(
    'showcase: storyboard scenes listed',
    (await p.textContent('.react-flow__node[data-id="lh_storyboard"]')).includes('The light holds'),
  );
  check(
    'showcase: product shots listed',
    (await p.textContent('.react-flow__node[data-id="lh_product_lantern"]')).includes('Crest macro'),
  );
  check(
    'showcase: models shown by their labels',
    (await p.$eval(
      '.react-flow__node[data-id="lh_img_hero"] [data-testid="model-select"]',
      (s) => s.selectedOptions[0].textContent,
    )) === 'Nano Banana Pro',
  );
  check('showcase: no data warnings', (await p.$$('[data-testid="node-data-warning"]')).length === 0);
  if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/koda-web-showcase.png` });
  await p.waitForTimeout(1500);
  const stored = await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))[0]);
  const sameData = showcase.nodes.every(
    (node) => JSON.stringify(stored.nodes.find((n) => n.id === node.id)?.data) === JSON.stringify(node.data),
  );
  check(
    'showcase: node data stored exactly as imported',
    sameData && stored.nodes.length === showcase.nodes.length,
  );
  check(
    'showcase: edges stored exactly as imported',
    JSON.stringify(stored.edges) === JSON.stringify(showcase.edges),
  );
  // A zoomed-out look at a bigger part of it: the overview boxes with their titles.
  await p.keyboard.press('Control+a');
  await p.click('.react-flow__controls-zoomout');
  await p.click('.react-flow__controls-zoomout');
  await p.waitForTimeout(300);
  const painted = await p.$eval('[data-testid="overview-layer"]', (c) => [
    Number(c.dataset.drawnNodes),
    Number(c.dataset.drawnEdges),
  ]);
  check(
    'showcase: zoomed out, every node and edge is painted on the overview layer, none as elements',
    painted[0] === showcase.nodes.length &&
      painted[1] === showcase.edges.length &&
      (await p.$$('.react-flow__node')).length === 0,
  );
  if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/koda-web-showcase-overview.png` });

  // The painted nodes answer the pointer: click, drag (saved), the selection box, double-click.
  const PORTRAIT = 'lh_img_portrait';
  const centre = async (id) => {
    const r = await p.evaluate((nodeId) => window.__kodaTest.nodeScreenRect(nodeId), id);
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  };
  const selectedIds = () => p.evaluate(() => window.__kodaTest.selectedNodeIds());
  const storedPortrait = () =>
    p.evaluate(
      (id) => JSON.parse(localStorage.getItem('spaces-canvases'))[0].nodes.find((n) => n.id === id).position,
      PORTRAIT,
    );
  p.on('console', (m) => m.text().startsWith('DBG') && console.log(m.text()));
  let at = await centre(PORTRAIT);
  await p.mouse.click(at.x, at.y);
  const afterClick = await selectedIds();
  check('overview: a click selects that node alone', afterClick.length === 1 && afterClick[0] === PORTRAIT);
  const zoomOut = await p.evaluate(() => window.__kodaTest.zoom());
  const before = await storedPortrait();
  await p.mouse.move(at.x, at.y);
  await p.mouse.down();
  await p.mouse.move(at.x + 20, at.y, { steps: 3 });
  await p.mouse.move(at.x + 60, at.y, { steps: 5 });
  await p.mouse.up();
  await p.waitForTimeout(1500);
  const after = await storedPortrait();
  // As far on the canvas as the pointer went, to the grid (snapping is on).
  const grid = await p.evaluate(
    () => JSON.parse(localStorage.getItem('koda-settings') ?? '{}')?.canvas?.gridSize ?? 20,
  );
  check(
    'overview: a drag moves the node by as much on the canvas (to the grid), and it is saved',
    Math.abs(after.x - before.x - 60 / zoomOut) <= grid && Math.abs(after.y - before.y) <= grid,
  );
  check(
    'overview: the drag right after a click is not taken for a double-click',
    (await p.evaluate(() => window.__kodaTest.zoom())) === zoomOut,
  );
  // A selection box around every painted node, drawn from the empty canvas beyond them.
  const rects = await p.evaluate(
    (ids) => ids.map((id) => window.__kodaTest.nodeScreenRect(id)),
    showcase.nodes.map((n) => n.id),
  );
  const right = Math.max(...rects.map((r) => r.x + r.width)) + 30;
  const bottom = Math.max(...rects.map((r) => r.y + r.height)) + 30;
  await p.mouse.move(right, bottom);
  await p.mouse.down();
  await p.mouse.move(Math.min(...rects.map((r) => r.x)) - 30, Math.min(...rects.map((r) => r.y)) - 30, {
    steps: 8,
  });
  await p.mouse.up();
  check(
    'overview: the selection box selects the painted nodes inside it',
    (await selectedIds()).length === showcase.nodes.length,
  );
  // ⌥-drag across painted edges cuts them: a short stroke in the gap left of the hero still.
  const BRIEF_TO_HERO = 'xy-edge__lh_text_briefoutput-lh_img_herotext';
  const storedEdges = () => p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))[0].edges);
  const edgesBefore = (await storedEdges()).length;
  const hero = await p.evaluate(() => window.__kodaTest.nodeScreenRect('lh_img_hero'));
  await p.keyboard.down('Alt');
  await p.mouse.move(hero.x - 12, hero.y - 20);
  await p.mouse.down();
  await p.mouse.move(hero.x - 12, hero.y + 60, { steps: 6 });
  await p.mouse.up();
  await p.keyboard.up('Alt');
  await p.waitForTimeout(1200);
  const edgesAfter = await storedEdges();
  check(
    'overview: ⌥-drag across painted edges cuts them',
    !edgesAfter.some((e) => e.id === BRIEF_TO_HERO) && edgesAfter.length < edgesBefore,
    `${edgesAfter.length}/${edgesBefore}`,
  );
  await p.keyboard.press('Control+z');
  await p.waitForTimeout(1200);
  check('overview: the cut is undone in one step', (await storedEdges()).length === edgesBefore);

  // With the Pan tool (H), a drag that starts on a painted node moves the view, not the node.
  await p.keyboard.press('h');
  const storedBeforePan = await storedPortrait();
  const beforePan = await centre(PORTRAIT);
  await p.mouse.move(beforePan.x, beforePan.y);
  await p.mouse.down();
  await p.mouse.move(beforePan.x + 80, beforePan.y, { steps: 6 });
  await p.mouse.up();
  await p.waitForTimeout(800);
  const afterPan = await centre(PORTRAIT);
  const storedAfterPan = await storedPortrait();
  check(
    'overview: with the Pan tool a drag on a node pans the view and leaves the node',
    Math.abs(afterPan.x - beforePan.x - 80) < 3 &&
      storedAfterPan.x === storedBeforePan.x &&
      storedAfterPan.y === storedBeforePan.y,
    JSON.stringify({ beforePan, afterPan }),
  );
  await p.keyboard.press('v');

  at = await centre(PORTRAIT);
  await p.mouse.dblclick(at.x, at.y);
  await p.waitForSelector(`.react-flow__node[data-id="${PORTRAIT}"]`, { timeout: 5000 }).catch(() => {});
  check(
    'overview: a double-click zooms in to the node, drawn as an element again',
    (await p.evaluate(() => window.__kodaTest.zoom())) >= 0.35 &&
      (await p.$$(`.react-flow__node[data-id="${PORTRAIT}"]`)).length === 1 &&
      (await p.$$('[data-testid="overview-layer"]')).length === 0,
  );

  // Wrong JSON types: drawn with a warning naming the fields, values left as they are.
  const bad = kodaWebFixture('bad-types', media.base);
  await p.click('[data-testid="editor-back"]');
  await p.setInputFiles('[data-testid="import-file"]', {
    name: 'bad-types.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await p.waitForSelector(`[data-canvas-id="${bad.id}"]`);
  await p.click(`[data-canvas-id="${bad.id}"] [aria-label^="Open "]`);
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.waitForTimeout(600);
  const warnings = await p.$$eval('[data-testid="node-data-warning"]', (els) =>
    els.map((e) => e.getAttribute('data-fields')),
  );
  check(
    'bad types: every node drawn',
    (await p.$$('.react-flow__node')).length === 3 && (await p.$$('.react-flow__edge')).length === 1,
  );
  check(
    'bad types: warnings name the fields',
    JSON.stringify(warnings.sort()) === JSON.stringify(['content', 'fontSize', 'prompt, outputUrls']),
    JSON.stringify(warnings),
  );
  check(
    'bad types: the current image still shown',
    (await p.$$('.react-flow__node[data-id="bt_img"] [data-testid="node-image"]')).length === 1,
  );
  if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/koda-web-bad-types.png` });
  await p.waitForTimeout(1200);
  const kept = await p.evaluate(
    (id) => JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === id),
    bad.id,
  );
  check(
    'bad types: raw values kept',
    JSON.stringify(kept.nodes.map((n) => n.data)) === JSON.stringify(bad.nodes.map((n) => n.data)),
  );
  await context.close();
  await media.close();
}

// A canvas an older Koda Desktop kept in this browser, in its own node model: upgraded once on
// load (canvas/legacy-upgrade.ts, the desktop migration's mapping), then drawn like any other.
async function scenarioLegacyCanvas() {
  const legacy = {
    id: 'c-old',
    name: 'Old desktop canvas',
    createdAt: now - day,
    updatedAt: now - day,
    revision: 4,
    nodes: [
      n('g', 'group', -40, -60, { label: 'Old group' }, 760, 520),
      n('p', 'prompt', 0, 0, { text: 'A lighthouse in a storm' }, 280, 180),
      n('m', 'media', 0, 220, { kind: 'image', src: artUrl, filename: 'old.png' }, 260, 220),
      n('i', 'imageGenerator', 340, 0, { model: 'Flux 1.1 Pro', aspectRatio: '1:1' }, 300, 340),
      n('v', 'videoGenerator', 700, 0, { model: 'Kling 2.1', duration: 5 }, 300, 340),
      n('s', 'stickyNote', 340, 380, { text: 'Old note', color: 'pink' }, 220, 160),
    ],
    edges: [
      { id: 'e1', source: 'p', sourceHandle: 'text', target: 'i', targetHandle: 'prompt' },
      { id: 'e2', source: 'm', sourceHandle: 'image', target: 'i', targetHandle: 'reference' },
      { id: 'e3', source: 'i', sourceHandle: 'image', target: 'v', targetHandle: 'image' },
      { id: 'e4', source: 'p', sourceHandle: 'text', target: 'v', targetHandle: 'prompt' },
    ],
  };
  const p = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  watch(p);
  await p.goto(base);
  await p.evaluate((c) => {
    localStorage.clear();
    localStorage.setItem('spaces-canvases', JSON.stringify([c]));
  }, legacy);
  await p.goto(`${base}#/canvas/c-old`);
  await p.reload();
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.waitForTimeout(500);
  const stored = await p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases'))[0]);
  const byId = Object.fromEntries(stored.nodes.map((node) => [node.id, node]));
  check(
    'legacy: prompt became a text node',
    byId.p.type === 'text' && byId.p.data.content === 'A lighthouse in a storm' && !('text' in byId.p.data),
  );
  check(
    'legacy: models, media, notes and groups in Koda web fields',
    byId.i.data.model === 'flux-pro' &&
      byId.v.data.model === 'kling-2.6-i2v' &&
      byId.m.data.url === artUrl &&
      byId.m.data.type === 'image' &&
      byId.s.data.content === 'Old note' &&
      byId.g.data.name === 'Old group',
    JSON.stringify(stored.nodes.map((x) => x.data)),
  );
  check(
    'legacy: handle ids in Koda web ids',
    JSON.stringify(stored.edges.map((e) => `${e.sourceHandle}>${e.targetHandle}`)) ===
      JSON.stringify(['output>text', 'output>reference', 'output>firstFrame', 'output>text']),
  );
  check('legacy: revision kept', stored.revision === 4);
  check(
    'legacy: every node drawn with its words',
    (await p.inputValue('[data-testid="node-text"] [data-testid="node-words"]')) ===
      'A lighthouse in a storm' &&
      (await p.textContent('[data-testid="node-media"] [data-testid="node-words"]')) === 'old.png',
  );
  check('legacy: every edge drawn', (await p.$$('.react-flow__edge')).length === 4);
  await p.context().close();
}

const only = process.env.ONLY;
const scenarios = [
  scenarioEditing,
  scenarioTwoTabsAndGroups,
  scenarioKeyboardResizeSettings,
  scenarioSettingsPage,
  scenarioBrowserMedia,
  scenarioKodaWebShowcase,
  scenarioLegacyCanvas,
  ...editorScenarios({ browser, base, check, watch }),
  ...historyScenarios({ browser, base, check, watch }),
];
await run(only ? scenarios.filter((s) => s.name.toLowerCase().includes(only.toLowerCase())) : scenarios);
