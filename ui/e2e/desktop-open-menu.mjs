// Files Koda was asked to open and the app menu bar, in the desktop UI against the fake backend
// (fake-desktop.js: `__fakeDesktop.openFiles(files)` stands in for the app importing files given
// at launch or handed over by a second launch — kept for `take_opened_files` and announced on
// `koda://opened-files` — and `__fakeDesktop.menu(action, canvasId)` for a menu item sending
// `koda://menu`). Covers: one canvas opened at launch opening in the editor; a hand-over of two
// files, one bad, showing the dashboard with a summary and an error naming the bad file; each
// batch shown once; every menu action (New canvas, Import with the picker, Export on a canvas and
// on the dashboard, a recent canvas, Search, Version history, Settings, Keyboard shortcuts, Open
// logs folder, the theme, zoom) doing what its button or key does. Run by desktop-smoke.mjs
// (ONLY=opened,menu). SHOTS=/dir saves `opened-files-*.png` and `menu-*.png`.
import { fileURLToPath } from 'node:url';
import { canvasRulesScript, fakeCalls, settledShooter } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeHistory = fileURLToPath(new URL('./fake-history.js', import.meta.url));
const DAY = 86_400_000;

const canvas = (id, name, content) => ({
  id,
  name,
  createdAt: Date.now() - 5 * DAY,
  updatedAt: Date.now() - DAY,
  revision: 2,
  viewport: { x: 40, y: 60, zoom: 1 },
  nodes: [
    { id: 'p1', type: 'text', position: { x: 0, y: 0 }, data: { content }, width: 280, height: 180 },
    {
      id: 'n1',
      type: 'stickyNote',
      position: { x: 340, y: 0 },
      data: { content: 'Warmer light', color: 'yellow' },
      width: 220,
      height: 160,
    },
  ],
  edges: [],
});
const seed = [canvas('c-story', 'Storyboard', 'A lighthouse in a storm')];
const harbour = canvas('c-harbour', 'Harbour at dawn', 'Fishing boats leaving at first light');
const ferry = canvas('c-ferry', 'Night ferry', 'The ferry crossing in fog');
const market = canvas('c-market', 'Fish market', 'Crates of silver fish on ice');
const BAD_REASON = 'line 1, column 9: expected `,` or `}`';

export function openMenuScenarios({ browser, base, check, shots }) {
  const shoot = settledShooter(shots);

  /** The app on the fake backend; `atLaunch` are files given on the command line. */
  async function openApp({ atLaunch, hash = '' } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: await canvasRulesScript() });
    await context.addInitScript({ path: fake });
    await context.addInitScript({ path: fakeHistory });
    await context.addInitScript((list) => list.forEach((c) => window.__fakeDesktop.add(c)), seed);
    if (atLaunch) await context.addInitScript((files) => window.__fakeDesktop.openFiles(files), atLaunch);
    const page = await context.newPage();
    page.on('pageerror', (e) => check('opened files / menu: no page error', false, e.message));
    await page.goto(`${base}${hash}`);
    return {
      context,
      page,
      calls: (cmd) => fakeCalls(page, cmd),
      menu: (action, canvasId = null) =>
        page.evaluate(([a, id]) => window.__fakeDesktop.menu(a, id), [action, canvasId]),
    };
  }
  const toastWith = (page, text) =>
    page.waitForSelector(`[data-testid="toast"]:has-text(${JSON.stringify(text)})`, { timeout: 5000 });
  const toastTexts = (page) => page.$$eval('[data-testid="toast"]', (list) => list.map((t) => t.textContent));
  const editorOn = (page, id) =>
    page.waitForSelector(`[data-testid="editor"][data-canvas-id="${id}"][data-ready="true"]`);
  /** What the app's Open dialog answers next: `path`, holding `canvas`. */
  const pickInOpenDialog = (page, path, canvas) =>
    page.evaluate(
      ([file, held]) => window.__fakeDesktop.state.dialogAnswers.push([{ path: file, canvases: [held] }]),
      [path, canvas],
    );
  const zoom = (page) =>
    page.$eval('.react-flow__viewport', (e) => Number(/scale\(([\d.]+)\)/.exec(e.style.transform)?.[1] ?? 0));

  async function scenarioOpenedAtLaunch() {
    const {
      context,
      page: p,
      calls,
    } = await openApp({
      atLaunch: [{ path: '/home/you/Pictures/Harbour at dawn.koda', canvases: [harbour], assets: 2 }],
    });
    await editorOn(p, 'c-harbour');
    check(
      'opened files: one canvas given at launch opens in the editor',
      p.url().endsWith('#/canvas/c-harbour') &&
        (await p.textContent('[data-testid="editor-name"]')) === 'Harbour at dawn',
      p.url(),
    );
    check(
      'opened files: its nodes are drawn',
      (await p.textContent('.react-flow__node[data-id="p1"]')).includes('Fishing boats'),
    );
    check('opened files: taken once at start', (await calls('take_opened_files')).length === 1);
    check(
      'opened files: nothing left waiting',
      (await p.evaluate(() => window.__fakeDesktop.state.openedFiles.length)) === 0,
    );
    check('opened files: no toast when one canvas opens', (await p.$$('[data-testid="toast"]')).length === 0);
    await shoot(p, 'opened-files-one');
    await context.close();
  }

  async function scenarioOpenedAtLaunchManyFailing() {
    // "Open with Koda" on five files: one good, one empty, three bad; more failures than toasts fit.
    const bad = (name, message) => ({
      path: `/home/you/Downloads/${name}`,
      error: { code: 'invalid_input', message },
    });
    const { context, page: p } = await openApp({
      atLaunch: [
        { path: '/home/you/Downloads/harbour.koda', canvases: [harbour, ferry] },
        bad('notes.canvas', '/home/you/Downloads/notes.canvas: $.nodes[0].x: expected a number'),
        { path: '/home/you/Downloads/empty.canvas', canvases: [] },
        bad('old.koda', 'this .koda bundle was written by a newer Koda (format 4)'),
      ],
    });
    await p.waitForSelector('[data-testid="dashboard"]');
    await toastWith(p, 'Imported 2 canvases');
    const texts = await toastTexts(p);
    check(
      'opened files: at launch, several files show the dashboard with a summary',
      texts[0] === 'Imported 2 canvases from “harbour.koda” — 3 files not imported' &&
        ['', '#/'].includes(new URL(p.url()).hash),
      JSON.stringify(texts),
    );
    check(
      'opened files: every failed file is named, the ones past the toasts that fit in one',
      texts.length === 3 &&
        texts[1] === 'Couldn’t import “notes.canvas”: $.nodes[0].x: expected a number' &&
        texts[2] ===
          'Couldn’t import 2 more files: “empty.canvas”: it holds no canvas; “old.koda”: this .koda bundle was written by a newer Koda (format 4)',
      JSON.stringify(texts),
    );
    await shoot(p, 'opened-files-failures');
    await context.close();
  }

  async function scenarioOpenedTwoFilesOneBad() {
    const { context, page: p, calls } = await openApp({ hash: '#/canvas/c-story' });
    await editorOn(p, 'c-story');
    // A second launch hands over two files while a canvas is open: one good, one not.
    await p.evaluate(
      ([good, reason]) =>
        window.__fakeDesktop.openFiles([
          { path: '/home/you/Desktop/Harbour series.koda', canvases: good, assets: 3 },
          {
            path: '/home/you/Desktop/broken.canvas',
            error: { code: 'invalid_input', message: `/home/you/Desktop/broken.canvas: ${reason}` },
          },
        ]),
      [[harbour, ferry], BAD_REASON],
    );
    await p.waitForSelector('[data-testid="dashboard"]');
    check('opened files: two files, one bad → the dashboard', p.url().endsWith('#/'), p.url());
    await toastWith(p, 'Imported 2 canvases');
    await toastWith(p, 'broken.canvas');
    const texts = await toastTexts(p);
    check(
      'opened files: a summary of what came in',
      texts.some(
        (t) =>
          t === 'Imported 2 canvases with 3 media files from “Harbour series.koda” — 1 file not imported',
      ),
      JSON.stringify(texts),
    );
    check(
      'opened files: an error toast naming the bad file, with the reason and not its folder',
      texts.some((t) => t === `Couldn’t import “broken.canvas”: ${BAD_REASON}`),
      JSON.stringify(texts),
    );
    check(
      'opened files: the error is shown as an error',
      (await p.$$('[data-testid="toast"].toast--error')).length === 1,
    );
    await p.waitForSelector('[data-canvas-id="c-ferry"]');
    check(
      'opened files: the list shows the imported canvases',
      (await p.$('[data-canvas-id="c-harbour"]')) !== null &&
        (await p.$('[data-canvas-id="c-ferry"]')) !== null,
    );
    await shoot(p, 'opened-files-summary');
    check(
      'opened files: the hand-over is taken when announced, so nothing waits to come back after a reload',
      (await p.evaluate(() => window.__fakeDesktop.state.openedFiles.length)) === 0 &&
        (await calls('take_opened_files')).length === 2,
      String((await calls('take_opened_files')).length),
    );

    // Several files, each fine: a summary on the dashboard, no error.
    await p.click('[data-testid="toast"].toast--error .toast__close');
    await p.evaluate(
      ([a, b]) =>
        window.__fakeDesktop.openFiles([
          { path: 'C:\\Users\\you\\Desktop\\market.koda', canvases: [a] },
          { path: 'C:\\Users\\you\\Desktop\\story.canvas', canvases: [b] },
        ]),
      [market, { ...seed[0], id: 'c-story-2', name: 'Storyboard (2)' }],
    );
    await toastWith(p, 'Imported 2 canvases from 2 files');
    check('opened files: no error toast when every file came in', (await p.$$('.toast--error')).length === 0);
    await context.close();
  }

  async function scenarioMenu() {
    const { context, page: p, calls, menu } = await openApp();
    await p.waitForSelector('[data-testid="canvas-card"]');

    // File → New canvas: a blank canvas, opened.
    await menu('new-canvas');
    await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
    const created = (await calls('create_canvas')).length;
    const newId = await p.getAttribute('[data-testid="editor"]', 'data-canvas-id');
    check(
      'menu: New canvas makes a canvas and opens it',
      created === 1 && newId !== 'c-story' && p.url().endsWith(`#/canvas/${encodeURIComponent(newId)}`),
      `${created} ${p.url()}`,
    );
    check('menu: the new canvas is blank', (await p.$$('.react-flow__node')).length === 0);

    // File → Open Recent → a canvas.
    await menu('open-canvas', 'c-story');
    await editorOn(p, 'c-story');
    check('menu: a recent canvas opens', p.url().endsWith('#/canvas/c-story'), p.url());

    // File → Export… on a canvas: the editor's Export menu with its formats.
    await menu('export');
    await p.waitForSelector('[data-testid="export-menu"]');
    check(
      'menu: Export opens the editor’s format menu',
      (await p.isVisible('[data-testid="export-koda"]')) && (await p.isVisible('[data-testid="export-png"]')),
    );
    await shoot(p, 'menu-export');
    await p.click('[data-testid="export-koda"]');
    await toastWith(p, 'Saved to /home/you/Downloads/Storyboard.koda');
    check(
      'menu: a format from it exports the canvas',
      (await calls('export_canvas')).at(-1)?.args.id === 'c-story',
    );

    // View → Zoom in / Zoom out / Fit, as ⌘+ ⌘− ⇧1.
    const before = await zoom(p);
    await menu('zoom-in');
    await p.waitForTimeout(350);
    const zoomedIn = await zoom(p);
    await menu('zoom-out');
    await p.waitForTimeout(350);
    const zoomedOut = await zoom(p);
    check(
      'menu: Zoom in and Zoom out',
      zoomedIn > before && zoomedOut < zoomedIn,
      `${before} ${zoomedIn} ${zoomedOut}`,
    );
    await menu('zoom-in');
    await menu('zoom-in');
    await p.waitForTimeout(350);
    await menu('zoom-fit');
    await p.waitForTimeout(450);
    check('menu: Fit brings the canvas back to at most 100%', (await zoom(p)) <= 1, String(await zoom(p)));

    // View → Version history (⌘⇧H): the panel; picked again it stays (⌘⇧H closes it).
    await menu('version-history');
    await p.waitForSelector('[data-testid="versions-panel"]');
    check('menu: Version history opens the Versions panel', true);
    await menu('version-history');
    await p.waitForTimeout(200);
    check('menu: Version history again keeps it open', await p.isVisible('[data-testid="versions-panel"]'));
    await p.keyboard.press('Control+Shift+H');
    await p.waitForSelector('[data-testid="versions-panel"]', { state: 'detached' });

    // Help → Keyboard shortcuts.
    await menu('shortcuts');
    await p.waitForSelector('[data-testid="shortcuts-dialog"]');
    check('menu: Keyboard shortcuts opens the sheet', true);
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="shortcuts-dialog"]', { state: 'detached' });

    // Edit → Search (⌘K).
    await menu('search');
    await p.waitForSelector('[data-testid="search-palette"]');
    check('menu: Search opens the palette', await p.isVisible('[data-testid="search-input"]'));
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="search-palette"]', { state: 'detached' });

    // Koda → Settings…
    await menu('settings');
    await p.waitForSelector('[data-testid="settings"]');
    check(
      'menu: Settings opens the Settings page over the canvas',
      p.url().endsWith('#/canvas/c-story?settings=general'),
      p.url(),
    );
    // Export with Settings over the canvas: Settings gives way to the menu.
    await menu('export');
    await p.waitForSelector('[data-testid="export-menu"]');
    check(
      'menu: Export over Settings closes Settings and shows the formats',
      (await p.$('[data-testid="settings"]')) === null,
    );
    await p.keyboard.press('Escape');

    // View → Toggle dark/light, saved as Settings does.
    const theme = () => p.evaluate(() => document.documentElement.dataset.theme);
    const wasTheme = await theme();
    await menu('toggle-theme');
    const nowTheme = await theme();
    check(
      'menu: the theme switches and is saved',
      wasTheme === 'dark' &&
        nowTheme === 'light' &&
        (await calls('set_settings')).at(-1)?.args.settings.theme === 'light',
      `${wasTheme} → ${nowTheme}`,
    );
    await menu('toggle-theme');
    check('menu: and back', (await theme()) === 'dark');

    // Help → Open logs folder.
    await menu('open-logs');
    await p.waitForTimeout(100);
    check('menu: Open logs folder asks the app', (await calls('open_logs_folder')).length === 1);

    // Back on the dashboard: Export says what to do, canvas-only items do nothing.
    await p.click('[data-testid="editor-back"]');
    await p.waitForSelector('[data-testid="canvas-card"]');
    await p.$$eval('[data-testid="toast"] .toast__close', (buttons) => buttons.forEach((b) => b.click()));
    await menu('zoom-in');
    await menu('version-history');
    await menu('shortcuts');
    await menu('export');
    await toastWith(p, 'Open a canvas to export it');
    check(
      'menu: Export on the dashboard says to open a canvas; the canvas items do nothing there',
      (await toastTexts(p)).length === 1 &&
        (await p.$('[data-testid="shortcuts-dialog"]')) === null &&
        (await p.$('[data-testid="versions-panel"]')) === null,
      JSON.stringify(await toastTexts(p)),
    );
    await shoot(p, 'menu-export-dashboard');

    // Settings and Search from the dashboard too.
    await menu('settings');
    await p.waitForSelector('[data-testid="settings"]');
    check('menu: Settings opens over the dashboard', p.url().endsWith('#/?settings=general'), p.url());
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });

    // File → Import…: the app's native Open dialog (stood in for by the fake), whose files come
    // back as opened files; no picker in the page, no click in the page needed.
    await pickInOpenDialog(p, '/home/you/market.koda', market);
    await menu('import');
    // One canvas picked: it opens, as a double-clicked file does.
    await editorOn(p, 'c-market');
    check('menu: Import asks the app’s Open dialog', (await calls('import_with_dialog')).length === 1);
    check('menu: no picker in the page', (await p.$('[data-testid="menu-import-file"]')) === null);
    await shoot(p, 'menu-import-dialog');

    // A cancelled dialog changes nothing and says nothing.
    const toastsBefore = (await toastTexts(p)).length;
    await menu('import');
    await p.waitForTimeout(300);
    check(
      'menu: a cancelled Open dialog adds no toast',
      (await calls('import_with_dialog')).length === 2 && (await toastTexts(p)).length === toastsBefore,
    );

    // File → Import… from a canvas opens the imported one.
    await pickInOpenDialog(p, '/home/you/ferry.canvas', ferry);
    await menu('import');
    await editorOn(p, 'c-ferry');
    check('menu: Import from a canvas asks the dialog too', (await calls('import_with_dialog')).length === 3);
    await context.close();
  }

  return [
    scenarioOpenedAtLaunch,
    scenarioOpenedAtLaunchManyFailing,
    scenarioOpenedTwoFilesOneBad,
    scenarioMenu,
  ];
}
