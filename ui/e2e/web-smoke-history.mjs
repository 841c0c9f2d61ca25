// Browser checks for version history and search (issue 15), on the localStorage backend: a canvas
// is made and edited, the settled state shows in Version history, a version is previewed on the
// canvas (nothing of it saved), one node is restored; ⌘K finds a word in another canvas and lands
// on its node. Run by web-smoke.mjs (ONLY=history). SHOTS=/dir saves `search-palette.png`,
// `search-palette-empty.png`, `versions-panel.png` and `versions-empty.png`.

const shots = process.env.SHOTS;
const MIN = 60_000;
const now = Date.now();

/** Another canvas, with words to find. */
const harbour = {
  id: 'c-harbour',
  name: 'Harbour nights',
  description: 'Moodboard for the night-ferry spot',
  createdAt: now - 20 * 86_400_000,
  updatedAt: now - 2 * 3_600_000,
  revision: 4,
  viewport: { x: 0, y: 0, zoom: 1 },
  nodes: [
    {
      id: 'h-text',
      type: 'text',
      position: { x: 0, y: 0 },
      data: { content: 'Night ferry leaving the harbour, sodium lights on wet stone' },
    },
    // Far from the stored view: landing on it must bring it into view.
    {
      id: 'h-note',
      type: 'stickyNote',
      position: { x: 2600, y: 1800 },
      data: { content: 'Ask Mara about the foghorn recording — the café crew has it', color: 'blue' },
    },
    {
      id: 'h-story',
      type: 'storyboard',
      position: { x: 420, y: 0 },
      data: { name: 'Storyboard', concept: 'The ferry crosses at dawn; the lighthouse keeper waves' },
    },
  ],
  edges: [],
};
const drafts = {
  id: 'c-drafts',
  name: 'Old ferry drafts',
  createdAt: now - 60 * 86_400_000,
  updatedAt: now - 40 * 86_400_000,
  revision: 2,
  nodes: [
    { id: 'd-1', type: 'text', position: { x: 0, y: 0 }, data: { content: 'Ferry v0, foghorn too loud' } },
  ],
  edges: [],
};

export function historyScenarios({ browser, base, check, watch }) {
  async function scenarioHistoryAndSearch() {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    const p = await context.newPage();
    watch(p);
    // Time is ours to move (edits "settle" after two minutes); it runs normally otherwise.
    await p.clock.install({ time: now });
    await p.goto(base);
    await p.evaluate(
      async ([canvases]) => {
        localStorage.clear();
        localStorage.setItem('spaces-canvases', JSON.stringify(canvases));
        localStorage.setItem('koda-trash', JSON.stringify({ 'c-drafts': Date.now() - 86_400_000 }));
        await new Promise((resolve) => {
          const req = indexedDB.deleteDatabase('koda-versions');
          req.onsuccess = req.onerror = req.onblocked = resolve;
        });
      },
      [[harbour, drafts]],
    );
    await p.reload();
    await p.waitForSelector('[data-testid="canvas-card"]');
    const stored = (id) =>
      p.evaluate((cid) => JSON.parse(localStorage.getItem('spaces-canvases')).find((c) => c.id === cid), id);
    const saved = () => p.waitForSelector('[data-testid="save-status"][data-state="saved"]');

    // ⌘K from the dashboard: the palette, its empty state, Esc.
    await p.click('[data-testid="search-open"]');
    await p.waitForSelector('[data-testid="search-palette"] [data-testid="search-empty"]');
    check('search: the sidebar opens the palette with its empty state', true);
    if (shots) await p.screenshot({ path: `${shots}/search-palette-empty.png` });
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="search-palette"]', { state: 'detached' });
    await p.keyboard.press('Control+k');
    await p.waitForSelector('[data-testid="search-input"]:focus');
    check('search: Ctrl+K opens it on the dashboard, focused', true);
    await p.keyboard.type('zebra crossing');
    await p.waitForSelector('[data-testid="search-no-results"]');
    check(
      'search: no results says so',
      (await p.textContent('[data-testid="search-no-results"]')).includes('zebra'),
    );
    await p.fill('[data-testid="search-input"]', 'FOGHOR');
    await p.waitForSelector('[data-testid="search-result"]');
    const found = await p.$$eval('[data-testid="search-result"]', (els) => els.map((e) => e.dataset.nodeId));
    check(
      'search: prefix, case-blind, trash left out',
      JSON.stringify(found) === '["h-note"]',
      JSON.stringify(found),
    );
    await p.click('[data-testid="search-include-trash"]');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length === 2);
    check(
      'search: the trash is searched when asked, and says so',
      (await p.textContent('[data-testid="search-result"][data-canvas-id="c-drafts"]')).includes('In trash'),
    );
    await p.click('[data-testid="search-include-trash"]');
    await p.fill('[data-testid="search-input"]', 'cafe');
    await p.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="search-result"] mark')].some(
        (m) => m.textContent === 'café',
      ),
    );
    check('search: accent-blind, the matched word marked', true);
    await p.keyboard.press('Escape');

    // A new canvas, edited; then, after a pause, edited again.
    await p.click('[data-testid="new-canvas"]');
    await p.click('[data-testid="template-blank"]');
    await p.waitForSelector('[data-testid="editor"] .react-flow');
    const canvasId = await p.getAttribute('[data-testid="editor"]', 'data-canvas-id');
    await p.click('[data-testid="add-node-prompt"]');
    await p.click('[data-testid="add-node-note"]');
    const textId = await p.$eval('.react-flow__node-text', (e) => e.dataset.id);
    const textArea = `.react-flow__node[data-id="${textId}"] [data-testid="node-words"]`;
    await p.click(textArea);
    await p.keyboard.type('A lighthouse keeper at dusk');
    await saved();
    await p.click('[data-testid="versions-open"]');
    await p.waitForSelector('[data-testid="versions-panel"]');
    await p.waitForSelector('[data-testid="versions-empty"]');
    check('versions: the panel opens, empty at first', true);
    if (shots) await p.screenshot({ path: `${shots}/versions-empty.png` });
    await p.click('[data-testid="versions-close"]');
    await p.clock.fastForward(3 * MIN);
    await p.click(textArea);
    await p.keyboard.press('Control+a');
    await p.keyboard.type('A harbour at noon');
    await saved();
    const edited = await stored(canvasId);
    check(
      'versions: the edit is saved',
      edited.nodes.find((n) => n.id === textId).data.content === 'A harbour at noon',
    );

    // ⌘⇧H: the panel lists the settled state.
    await p.keyboard.press('Control+Shift+H');
    await p.waitForSelector('[data-testid="version-item"]');
    const items = await p.$$eval('[data-testid="version-item"]', (els) => els.map((e) => e.dataset.source));
    check(
      'versions: ⌘⇧H opens the panel; one version, kept by an edit',
      JSON.stringify(items) === '["edit"]',
      JSON.stringify(items),
    );
    check(
      'versions: time shown with an absolute tooltip, node count',
      Boolean(await p.getAttribute('[data-testid="version-item"] time', 'title')) &&
        (await p.textContent('[data-testid="version-item"]')).includes('2 nodes'),
    );

    // Preview: the version on the canvas, read-only; nothing of it is saved.
    const revisionBefore = edited.revision;
    await p.click('[data-testid="version-item"]');
    await p.waitForSelector('[data-testid="version-banner"]');
    check(
      'versions: the banner says which version is shown',
      (await p.textContent('[data-testid="version-banner"]')).includes('Viewing version from today at'),
    );
    check(
      'versions: the canvas shows the old words',
      (await p.inputValue(textArea)) === 'A lighthouse keeper at dusk',
    );
    check(
      'versions: the preview is read-only',
      (await p.getAttribute('.canvas-area', 'data-readonly')) !== null,
    );
    check('versions: no node is selected yet', await p.isDisabled('[data-testid="version-restore-node"]'));
    // Moving the view and waiting must not save the version over the canvas.
    await p.mouse.move(700, 500);
    await p.mouse.wheel(0, 200);
    await p.waitForTimeout(1500);
    const during = await stored(canvasId);
    check(
      'versions: autosave never saves the preview',
      during.nodes.find((n) => n.id === textId).data.content === 'A harbour at noon' &&
        during.nodes.length === 2,
      JSON.stringify(during.nodes.map((n) => n.data)),
    );
    await p.click(`.react-flow__node[data-id="${textId}"]`, { position: { x: 20, y: 12 } });
    await p.waitForSelector('[data-testid="version-restore-node"]:not([disabled])');
    check('versions: selecting a node in the preview enables Restore selected node', true);
    if (shots) await p.screenshot({ path: `${shots}/versions-panel.png` });

    // Back to current, then preview again and restore only that node.
    await p.click('[data-testid="version-back"]');
    await p.waitForSelector('[data-testid="version-banner"]', { state: 'detached' });
    check(
      'versions: Back to current shows the canvas again',
      (await p.inputValue(textArea)) === 'A harbour at noon',
    );
    check(
      'versions: the canvas is editable again',
      (await p.getAttribute('.canvas-area', 'data-readonly')) === null,
    );
    await p.click('[data-testid="version-item"]');
    await p.waitForSelector('[data-testid="version-banner"]');
    await p.click(`.react-flow__node[data-id="${textId}"]`, { position: { x: 20, y: 12 } });
    await p.click('[data-testid="version-restore-node"]');
    await p.waitForSelector('[data-testid="version-banner"]', { state: 'detached' });
    await p.waitForSelector('[data-testid="toast"]:has-text("Restored")');
    check('versions: restoring a node says so', true);
    await p.waitForFunction(
      (sel) => document.querySelector(sel)?.value === 'A lighthouse keeper at dusk',
      textArea,
    );
    const restored = await stored(canvasId);
    check(
      'versions: the node is back in storage, as a new revision',
      restored.nodes.find((n) => n.id === textId).data.content === 'A lighthouse keeper at dusk' &&
        restored.revision > revisionBefore,
    );
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="version-item"]').length === 2);
    check(
      'versions: what the restore replaced is kept as a version',
      (await p.getAttribute('[data-testid="version-item"]', 'data-source')) === 'restore',
    );
    // Editing goes on normally after a restore.
    await p.click(textArea);
    await p.keyboard.press('End');
    await p.keyboard.type(', fog rolling in');
    await saved();
    check(
      'versions: editing after a restore is saved',
      (await stored(canvasId)).nodes.find((n) => n.id === textId).data.content ===
        'A lighthouse keeper at dusk, fog rolling in',
    );
    await p.keyboard.press('Control+Shift+H');
    await p.waitForSelector('[data-testid="versions-panel"]', { state: 'detached' });

    // ⌘K from the editor: a word of another canvas; Enter lands on its node, selected and in view.
    await p.click('.react-flow__pane', { position: { x: 400, y: 400 } });
    await p.keyboard.press('Control+k');
    await p.keyboard.type('light');
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length >= 3);
    check(
      'search: the edited canvas is found too (its restored words)',
      (await p.$$eval('[data-testid="search-result"]', (els) => els.map((e) => e.dataset.nodeId))).includes(
        textId,
      ),
    );
    await p.keyboard.press('ArrowDown');
    if (shots) await p.screenshot({ path: `${shots}/search-palette.png` });
    await p.fill('[data-testid="search-input"]', 'foghorn');
    await p.waitForSelector('[data-testid="search-result"][data-node-id="h-note"]');
    check(
      'search: the hit shows its canvas and node type',
      /Harbour nights.*Sticky note/.test(await p.textContent('[data-testid="search-result"]')),
    );
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid="editor"][data-canvas-id="c-harbour"]');
    await p.waitForSelector('.react-flow__node[data-id="h-note"].selected');
    await p.waitForTimeout(500);
    const box = await p.$eval('.react-flow__node[data-id="h-note"]', (e) => {
      const r = e.getBoundingClientRect();
      const pane = document.querySelector('.react-flow').getBoundingClientRect();
      return {
        inView: r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom,
      };
    });
    check(
      'search: Enter opens the canvas with the node selected and in view',
      box.inView,
      JSON.stringify(box),
    );
    await context.close();
  }

  return [scenarioHistoryAndSearch];
}
