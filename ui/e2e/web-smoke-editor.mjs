// Browser checks for the template gallery, read-only canvases (Duplicate to edit), the editor's
// Koda web shortcuts and tools (cut, group, zoom, select/pan, cutting edges, pasting an image) and
// card pictures from a canvas's own images. Run by web-smoke.mjs (ONLY=templates etc. runs one).

const stored = (p) => p.evaluate(() => JSON.parse(localStorage.getItem('spaces-canvases') || '[]'));
const scaleOf = (p) =>
  p.$eval('.react-flow__viewport', (e) => Number(/scale\(([\d.]+)\)/.exec(e.style.transform)?.[1] ?? 0));
const RED_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGN4JiKHFTEMLQkAjF1GAekewrUAAAAASUVORK5CYII=';

/** A Koda web showcase, stored read-only as an import of Koda web's showcase templates would be. */
const showcase = {
  id: 'showcase-lighthouse',
  name: 'Lighthouse showcase',
  category: 'showcase',
  tags: ['featured'],
  readOnly: true,
  createdAt: Date.now() - 86_400_000,
  updatedAt: Date.now() - 86_400_000,
  revision: 3,
  nodes: [
    {
      id: 'sc_group',
      type: 'group',
      position: { x: -40, y: -60 },
      width: 360,
      height: 420,
      zIndex: -1,
      data: { name: 'Brief', color: '#f97316', width: 360, height: 420, childNodeIds: ['sc_text'] },
    },
    {
      id: 'sc_text',
      type: 'text',
      position: { x: 0, y: 0 },
      data: { content: 'A lighthouse at dusk, volumetric fog', width: 280, height: 140 },
    },
    {
      id: 'sc_img',
      type: 'imageGenerator',
      position: { x: 460, y: 0 },
      data: { name: 'Hero still', prompt: 'Wide shot at dusk', model: 'nanobanana-pro', aspectRatio: '16:9' },
    },
  ],
  edges: [{ id: 'sc_e1', source: 'sc_text', sourceHandle: 'output', target: 'sc_img', targetHandle: 'text' }],
};

/** Where on screen the middle of an edge is drawn. */
async function edgeMiddle(p, edgeId) {
  return p.$eval(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`, (path) => {
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  });
}

export function editorScenarios({ browser, base, check, watch }) {
  async function fresh(viewport = { width: 1440, height: 900 }) {
    const context = await browser.newContext({ viewport });
    const p = await context.newPage();
    watch(p);
    await p.goto(base);
    await p.evaluate(() => localStorage.clear());
    await p.reload();
    return { context, p };
  }

  async function scenarioTemplates() {
    const { context, p } = await fresh();
    await p.waitForSelector('[data-testid="empty-canvases"]');
    await p.click('[data-testid="new-canvas"]');
    await p.waitForSelector('[data-testid="template-gallery"]');
    const cards = await p.$$eval('[data-testid^="template-"][role="option"]', (els) =>
      els.map((e) => [
        e.getAttribute('data-testid'),
        e.querySelector('svg[data-preview]')?.getAttribute('data-preview'),
      ]),
    );
    check(
      'templates: gallery offers at least six, each with its own preview',
      cards.length >= 6 && cards.every(([id, preview]) => id === `template-${preview}`),
      JSON.stringify(cards),
    );
    check(
      'templates: blank first and focused',
      (await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'template-blank',
    );
    if (process.env.SHOTS)
      await p
        .waitForTimeout(400)
        .then(() => p.screenshot({ path: `${process.env.SHOTS}/template-gallery.png` }));
    // Keyboard: arrows move, typing searches, Esc closes.
    await p.keyboard.press('ArrowRight');
    check(
      'templates: → moves to the next card',
      (await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))) ===
        'template-prompt-to-video',
    );
    await p.keyboard.type('zebra');
    check('templates: typing searches', (await p.inputValue('[data-testid="template-search"]')) === 'zebra');
    check(
      'templates: clear empty state',
      (await p.textContent('[data-testid="template-empty"]')).includes('No templates match “zebra”'),
    );
    if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/template-gallery-empty.png` });
    await p.keyboard.press('Escape');
    check('templates: Esc closes the gallery', !(await p.isVisible('[data-testid="template-gallery"]')));
    // Product variations by keyboard.
    await p.click('[data-testid="new-canvas"]');
    await p.waitForSelector('[data-testid="template-gallery"]');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    check(
      'templates: focus on product variations',
      (await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))) ===
        'template-product-variations',
    );
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    await p.waitForTimeout(400);
    const [canvas] = await stored(p);
    check(
      'templates: Enter made a canvas and opened it',
      p.url().includes(`#/canvas/${canvas.id}`) && canvas.id !== 'product-variations',
      p.url(),
    );
    check(
      'templates: the template’s nodes and edges, Koda web types',
      canvas.nodes.length === 7 &&
        canvas.edges.length === 6 &&
        canvas.nodes.some((n) => n.type === 'imageGenerator' && n.data.model === 'nanobanana-2'),
      `${canvas.nodes.length}/${canvas.edges.length}`,
    );
    check(
      'templates: fresh times, named after the template, not read-only',
      canvas.createdAt > Date.now() - 60_000 &&
        canvas.name === 'Product variations' &&
        !canvas.readOnly &&
        !canvas.category,
    );
    const group = canvas.nodes.find((n) => n.type === 'group');
    check(
      'templates: group members listed in childNodeIds',
      JSON.stringify(group.data.childNodeIds) === JSON.stringify(['pv_studio', 'pv_lifestyle', 'pv_moody']),
    );
    check(
      'templates: opened fitted to its content',
      (await p.$$('.react-flow__node')).length === 7,
      String((await p.$$('.react-flow__node')).length),
    );
    // Moving the group moves its members by the same amount (Koda web groups).
    const before = Object.fromEntries(canvas.nodes.map((n) => [n.id, n.position]));
    const frame = await p.locator('.react-flow__node[data-id="pv_group"]').boundingBox();
    await p.mouse.move(frame.x + 12, frame.y + 6);
    await p.mouse.down();
    await p.mouse.move(frame.x + 72, frame.y + 46, { steps: 8 });
    await p.mouse.up();
    await p.waitForTimeout(700);
    const moved = Object.fromEntries((await stored(p))[0].nodes.map((n) => [n.id, n.position]));
    const delta = (id) => [moved[id].x - before[id].x, moved[id].y - before[id].y];
    check(
      'templates: dragging a group moves its members with it',
      delta('pv_group')[0] > 0 &&
        JSON.stringify(delta('pv_studio')) === JSON.stringify(delta('pv_group')) &&
        JSON.stringify(delta('pv_moody')) === JSON.stringify(delta('pv_group')) &&
        delta('pv_photo')[0] === 0,
      JSON.stringify([delta('pv_group'), delta('pv_studio'), delta('pv_photo')]),
    );
    // A second canvas from the same template gets its own name.
    await p.click('[data-testid="editor-back"]');
    await p.waitForSelector('[data-testid="canvas-card"]');
    await p.click('[data-testid="new-canvas"]');
    await p.click('[data-testid="template-mood-board"]');
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    check(
      'templates: mood board opened',
      (await p.textContent('[data-testid="editor-name"]')) === 'Mood board',
    );
    await context.close();
  }

  async function scenarioReadOnly() {
    const { context, p } = await fresh({ width: 1280, height: 800 });
    await p.evaluate((cs) => localStorage.setItem('spaces-canvases', JSON.stringify(cs)), [showcase]);
    await p.goto(`${base}#/canvas/${showcase.id}`);
    await p.reload();
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    await p.waitForTimeout(300);
    check('read-only: banner in the top bar', await p.isVisible('[data-testid="readonly-banner"]'));
    check(
      'read-only: no add-node toolbar, no save status',
      (await p.$$('[data-testid="add-node-text"], .palette')).length === 0 &&
        (await p.$$('[data-testid="save-status"]')).length === 0,
    );
    check('read-only: opened fitted (no stored viewport)', (await p.$$('.react-flow__node')).length === 3);
    if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/readonly-banner.png` });
    // Nothing can change: drag, delete, connect, cut, paste, rename.
    const node = await p.locator('.react-flow__node[data-id="sc_img"]').boundingBox();
    await p.mouse.move(node.x + 20, node.y + 8);
    await p.mouse.down();
    await p.mouse.move(node.x + 220, node.y + 160, { steps: 6 });
    await p.mouse.up();
    // Zoomed out, the painted node does not move either; then back to the fitted view.
    for (let i = 0; i < 10 && (await p.evaluate(() => window.__kodaTest.zoom())) >= 0.35; i++)
      await p.click('.react-flow__controls-zoomout');
    const painted = await p.evaluate(() => window.__kodaTest.nodeScreenRect('sc_img'));
    await p.mouse.move(painted.x + painted.width / 2, painted.y + painted.height / 2);
    await p.mouse.down();
    await p.mouse.move(painted.x + painted.width / 2 + 120, painted.y + 90, { steps: 6 });
    await p.mouse.up();
    await p.click('.react-flow__controls-fitview');
    await p.waitForTimeout(400);
    await p.keyboard.press('Control+a');
    await p.keyboard.press('Delete');
    await p.keyboard.press('Control+x');
    await p.keyboard.press('Control+v');
    await p.keyboard.press('Control+g');
    await p.waitForTimeout(700);
    const [after] = await stored(p);
    check(
      'read-only: nothing moved (close up or zoomed out), deleted or added',
      (await p.$$('.react-flow__node')).length === 3 &&
        after.revision === showcase.revision &&
        JSON.stringify(after.nodes) === JSON.stringify(showcase.nodes),
      `${after.revision}`,
    );
    check('read-only: undo has nothing to undo', await p.isDisabled('[data-testid="undo"]'));
    // Duplicate to edit: an editable copy, opened.
    await p.click('[data-testid="duplicate-to-edit"]');
    await p.waitForFunction((id) => !location.hash.includes(id), showcase.id);
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    const all = await stored(p);
    const copy = all.find((c) => c.id !== showcase.id);
    check('read-only: the copy opened', p.url().includes(`#/canvas/${copy?.id}`), p.url());
    check(
      'read-only: the copy is not read-only, the original still is',
      copy && !copy.readOnly && all.find((c) => c.id === showcase.id).readOnly === true,
    );
    check(
      'read-only: no banner on the copy',
      !(await p.isVisible('[data-testid="readonly-banner"]')) && (await p.isVisible('.palette')),
    );
    await p.keyboard.press('Control+a');
    await p.keyboard.press('Delete');
    await p.waitForTimeout(800);
    check(
      'read-only: the copy can be edited',
      (await stored(p)).find((c) => c.id === copy.id).nodes.length === 0,
    );
    await context.close();
  }

  async function scenarioCanvasTools() {
    const { context, p } = await fresh();
    await p.click('[data-testid="new-canvas"]');
    await p.click('[data-testid="template-prompt-to-video"]');
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    await p.waitForTimeout(300);
    const canvasId = p.url().split('#/canvas/')[1];
    const current = async () => (await stored(p)).find((c) => c.id === canvasId);
    // Tools: V / H and the toggle.
    await p.click('.react-flow__pane', { position: { x: 700, y: 760 } });
    await p.keyboard.press('h');
    check(
      'tools: H picks the pan tool',
      (await p.getAttribute('[data-testid="tool-pan"]', 'aria-pressed')) === 'true' &&
        (await p.getAttribute('.canvas-area', 'data-tool')) === 'pan',
    );
    await p.keyboard.press('v');
    check(
      'tools: V picks the select tool',
      (await p.getAttribute('[data-testid="tool-select"]', 'aria-pressed')) === 'true',
    );
    await p.click('[data-testid="tool-pan"]');
    check('tools: the toggle switches too', (await p.getAttribute('.canvas-area', 'data-tool')) === 'pan');
    await p.click('[data-testid="tool-select"]');
    // Zoom: ⌘+ / ⌘− and ⇧1 to fit everything again.
    const fitted = await scaleOf(p);
    await p.keyboard.press('Control+=');
    await p.waitForTimeout(350);
    const zoomed = await scaleOf(p);
    check('zoom: Ctrl+= zooms in', zoomed > fitted, `${fitted} → ${zoomed}`);
    await p.keyboard.press('Control+-');
    await p.keyboard.press('Control+-');
    await p.waitForTimeout(350);
    check('zoom: Ctrl+- zooms out', (await scaleOf(p)) < zoomed);
    await p.keyboard.press('Shift+Digit1');
    await p.waitForTimeout(450);
    check(
      'zoom: ⇧1 fits the canvas',
      Math.abs((await scaleOf(p)) - fitted) < 0.02,
      `${await scaleOf(p)} vs ${fitted}`,
    );
    // Cut and paste back; group and ungroup.
    const box = await p.locator('.react-flow__node[data-id="ptv_note"]').boundingBox();
    await p.mouse.click(box.x + box.width / 2, box.y + 6);
    await p.keyboard.press('Shift+Digit2');
    await p.waitForTimeout(450);
    check('zoom: ⇧2 zooms to the selection', (await scaleOf(p)) > fitted);
    await p.keyboard.press('Shift+Digit1');
    await p.waitForTimeout(450);
    await p.keyboard.press('Control+x');
    await p.waitForTimeout(600);
    check('cut: the node is gone and saved', !(await current()).nodes.some((n) => n.id === 'ptv_note'));
    await p.keyboard.press('Control+v');
    await p.waitForTimeout(600);
    check('cut: pasted back', (await current()).nodes.length === 4);
    await p.keyboard.press('Control+a');
    await p.keyboard.press('Control+g');
    await p.waitForTimeout(600);
    let canvas = await current();
    const made = canvas.nodes.find((n) => n.type === 'group');
    check(
      'group: ⌘G frames the selection in a Koda web group',
      made && made.data.childNodeIds.length === 4 && canvas.nodes.every((n) => n.parentId === undefined),
      JSON.stringify(made?.data),
    );
    await p.keyboard.press('Control+Shift+g');
    await p.waitForTimeout(600);
    canvas = await current();
    check(
      'group: ⇧⌘G ungroups, keeping the nodes',
      !canvas.nodes.some((n) => n.type === 'group') && canvas.nodes.length === 4,
    );
    // ⌥-drag across an edge cuts it.
    await p.click('.react-flow__pane', { position: { x: 700, y: 760 } });
    const edgesBefore = canvas.edges.length;
    const mid = await edgeMiddle(p, 'edge_2');
    await p.keyboard.down('Alt');
    await p.mouse.move(mid.x - 4, mid.y - 40);
    await p.mouse.down();
    await p.mouse.move(mid.x + 4, mid.y + 40, { steps: 6 });
    check('edge cut: the line is drawn while dragging', await p.isVisible('[data-testid="edge-cutter"]'));
    await p.mouse.up();
    await p.keyboard.up('Alt');
    await p.waitForTimeout(600);
    canvas = await current();
    check(
      'edge cut: the crossed connection is removed',
      !canvas.edges.some((e) => e.id === 'edge_2') && canvas.edges.length < edgesBefore,
      `${canvas.edges.length}/${edgesBefore}`,
    );
    check('edge cut: nodes untouched', canvas.nodes.length === 4);
    await p.keyboard.press('Control+z');
    await p.waitForTimeout(600);
    check(
      'edge cut: undo brings it back',
      (await current()).edges.some((e) => e.id === 'edge_2'),
    );
    // An image pasted from the system clipboard becomes a media node.
    await p.evaluate(async (url) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, RED_PNG);
    await p.waitForTimeout(900);
    canvas = await current();
    const pasted = canvas.nodes.find((n) => n.type === 'media');
    check(
      'paste image: a media node with a koda-asset:// url',
      pasted && /^koda-asset:\/\/[0-9a-f]{64}$/.test(pasted.data.url) && pasted.data.type === 'image',
      JSON.stringify(pasted?.data),
    );
    // The shortcuts sheet lists the new ones.
    await p.keyboard.press('Shift+?');
    const sheet = await p.textContent('[data-testid="shortcuts-dialog"]');
    check(
      'shortcuts sheet: cut, group, tools, zoom, cut connections',
      [
        'Cut',
        'Group selection',
        'Ungroup',
        'Pan tool',
        'Zoom to selection',
        'Fit everything',
        'Cut connections',
      ].every((t) => sheet.includes(t)),
    );
    if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/shortcuts.png` });
    await context.close();
  }

  async function scenarioCardPicture() {
    const { context, p } = await fresh({ width: 1280, height: 800 });
    const withImage = {
      id: 'c-picture',
      name: 'Red still',
      createdAt: Date.now(),
      updatedAt: Date.now(),
      revision: 1,
      nodes: [
        { id: 't', type: 'text', position: { x: 0, y: 0 }, data: { content: 'red' } },
        { id: 'm', type: 'media', position: { x: 400, y: 0 }, data: { type: 'image', url: RED_PNG } },
      ],
      edges: [],
    };
    await p.evaluate((cs) => localStorage.setItem('spaces-canvases', JSON.stringify(cs)), [withImage]);
    await p.goto(`${base}#/canvas/c-picture`);
    await p.reload();
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    await p.click('[data-testid="editor-back"]');
    await p.waitForSelector('[data-canvas-id="c-picture"] .thumb__image');
    await p.waitForTimeout(300);
    const centre = await p.$eval('[data-canvas-id="c-picture"] .thumb__image', async (img) => {
      await img.decode().catch(() => {});
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return [...ctx.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data];
    });
    check(
      'card picture: the canvas’s own image, not the painted layout',
      centre[0] > 200 && centre[1] < 60 && centre[2] < 60,
      JSON.stringify(centre),
    );
    if (process.env.SHOTS) await p.screenshot({ path: `${process.env.SHOTS}/card-picture.png` });
    await context.close();
  }

  return [scenarioTemplates, scenarioReadOnly, scenarioCanvasTools, scenarioCardPicture];
}
