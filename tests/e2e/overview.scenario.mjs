// The zoomed-out overview in the real app: Koda web's showcase canvas (all 13 node types, under
// its own id) imported through the CLI, opened and zoomed out until it is painted on one canvas.
// Then, with the real pointer (WebDriver actions): a click selects a node, a drag moves it and
// the move is saved to the database, a right-click opens the node's menu, a double-click zooms
// in to it, where it is drawn as an element again.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keys, sleep } from './webdriver.mjs';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'koda-web');
const CANVAS_ID = 'overview-lighthouse';
const CANVAS_NAME = 'Lighthouse overview';
const NODE = 'lh_img_portrait';
const OVERVIEW_BELOW_ZOOM = 0.35;

/** Pointer actions of a mouse at viewport coordinates. */
function mouse(session, steps) {
  return session.cmd('POST', '/actions', {
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: steps }],
  });
}
const moveTo = (x, y, duration = 0) => ({
  type: 'pointerMove',
  origin: 'viewport',
  x: Math.round(x),
  y: Math.round(y),
  duration,
});
const press = (button = 0) => [
  { type: 'pointerDown', button },
  { type: 'pointerUp', button },
];

export async function overviewScenario(ctx) {
  const { test, launch, screenshot, byId, cardNamed, figures, koda, dataDir } = ctx;
  const s = () => ctx.session();
  const hook = (script, args = []) => s().execute(script, args);
  const centreOf = async (id) => {
    const rect = await hook('return window.__kodaTest.nodeScreenRect(arguments[0])', [id]);
    if (!rect) throw new Error(`${id} has no place on screen`);
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  };
  /** Zooms out with the controls until the overview takes over. */
  const zoomOutToOverview = async () => {
    for (let i = 0; i < 12 && (await hook('return window.__kodaTest.zoom()')) >= OVERVIEW_BELOW_ZOOM; i++) {
      await s().click('.react-flow__controls-zoomout');
      await sleep(250);
    }
  };
  const selected = () => hook('return window.__kodaTest.selectedNodeIds()');
  const storedPosition = () => {
    const canvas = JSON.parse(
      execFileSync(koda, ['--data-dir', dataDir, 'canvas', 'export', CANVAS_ID], { encoding: 'utf8' }),
    );
    return canvas.nodes.find((n) => n.id === NODE).position;
  };

  const work = mkdtempSync(join(tmpdir(), 'koda-overview-'));
  const showcase = JSON.parse(readFileSync(join(fixtures, 'showcase.json'), 'utf8'));
  // Remote outputs are not what this checks: they point nowhere (each node says so on itself).
  const raw = JSON.stringify({ ...showcase, id: CANVAS_ID, name: CANVAS_NAME }).replaceAll(
    'REMOTE:',
    'http://127.0.0.1:9',
  );
  const file = join(work, 'overview.json');
  writeFileSync(file, raw);

  await test('zoomed out, a Koda web canvas is painted whole; click, drag, menu and double-click work on it', async () => {
    execFileSync(koda, ['--data-dir', dataDir, 'canvas', 'import', file]);
    await launch();
    const session = s();
    const card = await session.waitUntil(`the card "${CANVAS_NAME}"`, () => cardNamed(CANVAS_NAME));
    await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
    await session.waitFor(`${byId('editor')}[data-ready="true"]`, { timeout: 30000 });

    await zoomOutToOverview();
    const [layer] = await session.waitFor('[data-testid="overview-layer"][data-drawn-nodes]');
    const painted = Number(await layer.attribute('data-drawn-nodes'));
    const paintedEdges = Number(await layer.attribute('data-drawn-edges'));
    const elements = await hook('return document.querySelectorAll(".react-flow__node").length');
    if (painted !== showcase.nodes.length || paintedEdges !== showcase.edges.length || elements !== 0)
      throw new Error(
        `expected ${showcase.nodes.length} nodes and ${showcase.edges.length} edges painted and no node element; ` +
          `got ${painted}, ${paintedEdges} and ${elements}`,
      );
    figures.overviewPaintedNodes = painted;
    await screenshot('overview-showcase');

    // A click on the painted node selects it alone.
    const at = await centreOf(NODE);
    await mouse(session, [moveTo(at.x, at.y), ...press()]);
    await session.waitUntil('the clicked node is selected', async () => {
      const ids = await selected();
      return ids.length === 1 && ids[0] === NODE;
    });

    // A drag moves it, and the move is saved.
    const before = storedPosition();
    const zoom = await hook('return window.__kodaTest.zoom()');
    const DRAG = 60;
    await mouse(session, [
      moveTo(at.x, at.y),
      { type: 'pointerDown', button: 0 },
      moveTo(at.x + DRAG / 3, at.y, 50),
      moveTo(at.x + DRAG, at.y, 150),
      { type: 'pointerUp', button: 0 },
    ]);
    await session.waitUntil('the move is saved', async () => {
      const state = await hook(`return document.querySelector('[data-testid="save-status"]')?.dataset.state`);
      return state === 'saved' && storedPosition().x !== before.x;
    });
    const after = storedPosition();
    const expected = DRAG / zoom;
    // As far on the canvas as the pointer went, to the grid when snapping is on.
    const settings = await session.executeAsync(
      'const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke("get_settings").then(done)',
    );
    const slack = (settings.canvas.snapToGrid ? settings.canvas.gridSize : 0) + 2 / zoom;
    if (Math.abs(after.x - before.x - expected) > slack || Math.abs(after.y - before.y) > slack)
      throw new Error(
        `moved by (${after.x - before.x}, ${after.y - before.y}), expected about (${expected.toFixed(0)}, 0)`,
      );
    await screenshot('overview-dragged');

    // Ctrl+Z puts it back: the drag is one undo step.
    await session.cmd('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: Keys.CONTROL },
            { type: 'keyDown', value: 'z' },
            { type: 'keyUp', value: 'z' },
            { type: 'keyUp', value: Keys.CONTROL },
          ],
        },
      ],
    });
    await session.waitUntil('the undo is saved', () => storedPosition().x === before.x);

    // A double-click zooms in to it, drawn as an element again.
    const moved = await centreOf(NODE);
    await mouse(session, [moveTo(moved.x, moved.y), ...press(), ...press()]);
    await session.waitFor(`.react-flow__node[data-id="${NODE}"]`, { timeout: 10000 });
    const zoomed = await hook('return window.__kodaTest.zoom()');
    if (!(zoomed >= OVERVIEW_BELOW_ZOOM)) throw new Error(`the double-click left the zoom at ${zoomed}`);
    const layers = await hook('return document.querySelectorAll("[data-testid=overview-layer]").length');
    if (layers !== 0) throw new Error('the overview layer is still there close up');
    await screenshot('overview-zoomed-in');

    // Zoomed out again, a right-click opens the node's menu. (Last: after a right-click through
    // WebDriver, WebKit sent no pointerdown for the next left press, only mousedown.)
    await zoomOutToOverview();
    const again = await centreOf(NODE);
    await mouse(session, [moveTo(again.x, again.y), ...press(2)]);
    const [menu] = await session.waitFor(byId('context-menu'));
    const menuText = await menu.text();
    if (!/Duplicate/i.test(menuText)) throw new Error(`the node menu should offer Duplicate: ${menuText}`);
    await session.keys(Keys.ESCAPE);
  });
}
