// End-to-end test of the real Koda Desktop app: a real WebKit window under Xvfb, driven over
// WebDriver (tauri-driver → WebKitWebDriver), on a real SQLite file in a temporary data dir.
//
// usage: node tests/e2e/app.e2e.mjs --app PATH --data-dir DIR [--driver URL] [--screenshots DIR]
//                                   [--big-canvas ID] [--sync-url URL] [--postgres-url URL --koda PATH]

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keys, Session, sleep } from './webdriver.mjs';
import { kodaWebScenario } from './koda-web.scenario.mjs';
import { generationScenario } from './generation.scenario.mjs';
import { historyScenario } from './history.scenario.mjs';
import { overviewScenario } from './overview.scenario.mjs';
import { recoveryScenario } from './recovery.scenario.mjs';
import { desktopScenario } from './desktop.scenario.mjs';
import { dialogsScenario } from './dialogs.scenario.mjs';
import { updatesScenario } from './updates.scenario.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const driver = args.driver ?? 'http://127.0.0.1:4444';
const app = args.app;
const dataDir = args['data-dir'];
const shots = args.screenshots;
if (!app || !dataDir) throw new Error('--app and --data-dir are required');

const byId = (id) => `[data-testid="${id}"]`;
const results = [];
const figures = {};
let session;

/** Starts the app on `dataDir` (another folder when a scenario needs its own) with `args`, and waits for `waitFor`. */
async function launch({ dataDir: folder = dataDir, waitFor = byId('dashboard'), args = [] } = {}) {
  if (session) await quit();
  const started = Date.now();
  session = await Session.start(driver, app, ['--data-dir', folder, ...args]);
  await session.cmd('POST', '/timeouts', { script: 120000 });
  await session.waitFor(waitFor, { timeout: 30000 });
  if (folder === dataDir) figures.coldStartToDashboardMs = Date.now() - started;
  return session;
}

async function quit() {
  await session?.end();
  session = undefined;
  // Give the app time to exit and release the database before the next launch.
  await sleep(1500);
}

async function test(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `not ok - ${name}\n  ${String(error.stack ?? error)
        .split('\n')
        .join('\n  ')}`,
    );
    if (session && shots) await screenshot(`failure-${results.length}`).catch(() => {});
  }
}

/**
 * Saves what the app's window shows, taken from the X display (the menu bar included).
 * WebKitWebDriver's own screenshot waits forever when WebKit paints on the CPU, which Koda
 * chooses on a machine without a GPU, like this one.
 */
async function screenshot(name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await sleep(1000); // WebKitGTK paints asynchronously: let the last frame land.
  const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--name', 'Koda$'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  execFileSync('import', ['-window', windows[0], join(shots, `${name}.png`)]);
}

const cardNamed = async (name) => {
  for (const card of await session.findAll(byId('canvas-card'))) {
    const label = await session.execute(
      'return arguments[0].querySelector("[data-testid=canvas-card-name]").textContent',
      [card.ref()],
    );
    if (label.trim() === name) return card;
  }
  return undefined;
};

const saveState = () =>
  session.execute(`return document.querySelector('[data-testid="save-status"]')?.dataset.state ?? null`);
const nodeIds = () =>
  session.execute(`return [...document.querySelectorAll('.react-flow__node')].map((n) => n.dataset.id)`);
const nodeTypes = () =>
  session.execute(
    `return [...document.querySelectorAll('.react-flow__node')].map((n) => [...n.classList]` +
      `.find((c) => c.startsWith('react-flow__node-') && c !== 'react-flow__node-default')?.slice(17))`,
  );
const edgeCount = () => session.execute(`return document.querySelectorAll('.react-flow__edge').length`);
const currentTheme = () => session.execute('return document.documentElement.dataset.theme ?? null');

const CANVAS_NAME = 'E2E Storyboard';

await test('creates a canvas, adds three nodes, connects two, renames it', async () => {
  await launch();
  await session.click(byId('new-canvas'));
  await session.click(byId('template-blank'));
  await session.waitFor(byId('editor'));
  for (const kind of ['prompt', 'image', 'video']) await session.click(byId(`add-node-${kind}`));
  await session.waitFor('.react-flow__node', { count: 3 });
  const ids = await nodeIds();
  const types = await nodeTypes();
  const prompt = ids[types.indexOf('text')];
  const image = ids[types.indexOf('imageGenerator')];
  if (!prompt || !image) throw new Error(`unexpected node types ${JSON.stringify(types)}`);
  const connected = await session.execute(
    'return window.__kodaTest.connect(arguments[0], "output", arguments[1], "text")',
    [prompt, image],
  );
  if (!connected) throw new Error('the connection was refused');
  await session.waitUntil('an edge is drawn', async () => (await edgeCount()) === 1);
  await session.click(byId('editor-name'));
  await session.waitFor(byId('rename-input'));
  // The field opens focused with its text selected: typing replaces it.
  await session.keys(CANVAS_NAME + Keys.ENTER);
  await session.waitUntil('the name is shown', async () =>
    (await (await session.waitFor(byId('editor-name')))[0].text()).includes(CANVAS_NAME),
  );
  await session.waitUntil('everything is saved', async () => (await saveState()) === 'saved');
  await screenshot('canvas');
  await quit();
});

await test('finds everything again after a relaunch', async () => {
  await launch();
  const card = await session.waitUntil('the canvas card is listed', () => cardNamed(CANVAS_NAME));
  const text = await card.text();
  if (!/3 nodes/.test(text)) throw new Error(`card should say 3 nodes: ${text}`);
  await screenshot('dashboard');
  await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
  await session.waitFor('.react-flow__node', { count: 3 });
  if ((await nodeIds()).length !== 3) throw new Error('expected exactly three nodes');
  await session.waitUntil('the edge is back', async () => (await edgeCount()) === 1);
  await session.click(byId('editor-back'));
  await session.waitFor(byId('dashboard'));
});

await test('moves a canvas to the trash and restores it', async () => {
  const card = await session.waitUntil('the card', () => cardNamed(CANVAS_NAME));
  await session.execute('arguments[0].querySelector("[data-testid=card-menu]").click()', [card.ref()]);
  await session.click(byId('card-trash'));
  await session.waitUntil('the card is gone', async () => !(await cardNamed(CANVAS_NAME)));
  await session.click(byId('nav-trash'));
  const [item] = await session.waitFor(byId('trash-item'));
  if (!(await item.text()).includes(CANVAS_NAME)) throw new Error('the trashed canvas is not in the trash');
  await session.click(byId('trash-restore'));
  await session.click(byId('nav-canvases'));
  await session.waitUntil('the card is back', () => cardNamed(CANVAS_NAME));
});

await test('the theme setting persists across a relaunch', async () => {
  if ((await currentTheme()) !== 'dark')
    throw new Error(`default theme should be dark, is ${await currentTheme()}`);
  await session.click(byId('open-settings'));
  await session.waitFor(byId('settings'));
  await screenshot('settings');
  await session.click(byId('theme-light'));
  await session.waitUntil('the light theme applies', async () => (await currentTheme()) === 'light');
  await sleep(500);
  await screenshot('settings-light');
  await quit();
  await launch();
  await session.waitUntil('light after relaunch', async () => (await currentTheme()) === 'light');
  await session.click(byId('open-settings'));
  await session.click(byId('theme-dark'));
  await session.waitUntil('dark again', async () => (await currentTheme()) === 'dark');
  await session.click(byId('settings-close'));
});

await test('an edit made right before closing the window is not lost', async () => {
  const card = await session.waitUntil('the card', () => cardNamed(CANVAS_NAME));
  await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
  await session.waitFor('.react-flow__node', { count: 3 });
  await session.click(byId('add-node-note'));
  await session.waitFor('.react-flow__node', { count: 4 });
  // Close the window at once, as a person quitting would: the close handler must flush the save.
  await session
    .execute('window.__TAURI_INTERNALS__.invoke("plugin:window|close", { label: "main" })')
    .catch(() => {});
  await sleep(2500);
  await quit(); // the app has exited with its window; end the WebDriver session too
  await launch();
  const reopened = await session.waitUntil('the card', () => cardNamed(CANVAS_NAME));
  const text = await reopened.text();
  if (!/4 nodes/.test(text)) throw new Error(`the note added before closing is missing: ${text}`);
});

await test('an image dropped on the canvas becomes a media node served by koda://', async () => {
  const card = await session.waitUntil('the card', () => cardNamed(CANVAS_NAME));
  await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
  await session.waitFor('.react-flow__node', { count: 4 });
  // A 16×16 PNG made here, dropped as a person would drop a file from the file manager.
  const loaded = await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     const size = 16, canvas = document.createElement('canvas');
     canvas.width = canvas.height = size;
     const g = canvas.getContext('2d'); g.fillStyle = '#7c5cff'; g.fillRect(0, 0, size, size);
     canvas.toBlob((blob) => {
       const file = new File([blob], 'dropped.png', { type: 'image/png' });
       const transfer = new DataTransfer();
       transfer.items.add(file);
       const pane = document.querySelector('.react-flow__pane');
       const box = pane.getBoundingClientRect();
       const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
       Object.assign(init, { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 });
       pane.dispatchEvent(new DragEvent('dragover', init));
       pane.dispatchEvent(new DragEvent('drop', init));
       const start = performance.now();
       const check = () => {
         const img = document.querySelector('.react-flow__node-media img');
         if (img && img.complete && img.naturalWidth > 0) done({ src: img.getAttribute('src'), width: img.naturalWidth });
         else if (performance.now() - start > 20000) done({ src: img && img.getAttribute('src'), width: 0 });
         else setTimeout(check, 100);
       };
       check();
     }, 'image/png');`,
  );
  if (!loaded.width) throw new Error(`the dropped image did not load: ${JSON.stringify(loaded)}`);
  if (!/^(koda:|http:\/\/koda\.localhost)/.test(loaded.src))
    throw new Error(`not served by koda://: ${loaded.src}`);
  await session.waitUntil('everything is saved', async () => (await saveState()) === 'saved');
  await session.click(byId('editor-back'));
  await session.waitFor(byId('dashboard'));
});

// What every scenario gets: the harness, the app and where its data lives.
const scenario = {
  test,
  launch,
  quit,
  screenshot,
  byId,
  cardNamed,
  figures,
  app,
  koda: args.koda,
  dataDir,
  falUrl: args['fal-url'],
  session: () => session,
  screenshotsDir: shots,
  updateUrl: process.env.KODA_UPDATE_URL,
};

if (args.koda) {
  await kodaWebScenario(scenario);
  await historyScenario(scenario);
  await overviewScenario(scenario);
}
await desktopScenario(scenario);
await dialogsScenario(scenario);
if (process.env.KODA_UPDATE_URL) await updatesScenario(scenario);
if (args.koda) await recoveryScenario(scenario);
if (args.koda && args['fal-url']) await generationScenario(scenario);

if (args['big-canvas']) {
  await test('opens a 2,000-node canvas and reports how long it takes to draw', async () => {
    await session.execute(`document.querySelector('[data-testid="editor-back"]')?.click()`);
    await session.waitFor(`[data-canvas-id="${args['big-canvas']}"]`);
    // Timed inside the page: from the click until the editor reports its first painted frame
    // with the canvas's nodes (`data-ready`). Fitted, 2,000 nodes are far out: painted on the
    // overview layer, none as elements (close up, only the visible ones are).
    const [ms, painted, elements] = await session.executeAsync(
      `const done = arguments[arguments.length - 1];
       const card = document.querySelector('[data-canvas-id="' + arguments[0] + '"]');
       const start = performance.now();
       card.querySelector('.card__open').click();
       const tick = () => {
         const editor = document.querySelector('[data-testid=editor][data-ready=true]');
         const layer = document.querySelector('[data-testid=overview-layer]');
         if (editor) done([performance.now() - start, Number(layer?.dataset.drawnNodes ?? 0), document.querySelectorAll('.react-flow__node').length]);
         else if (performance.now() - start > 60000) done([-1, 0, 0]);
         else requestAnimationFrame(tick);
       };
       tick();`,
      [args['big-canvas']],
    );
    if (ms < 0) throw new Error('the canvas did not finish drawing in 60 s');
    // Fitted as far out as Koda zooms, its nodes in view are painted on the overview layer.
    if (painted < 1 || elements !== 0)
      throw new Error(`${painted} nodes painted and ${elements} drawn as elements, expected all painted`);
    figures.nodesPaintedAfterOpen = painted;
    figures.open2000NodeCanvasMs = Math.round(ms);
    figures.rssWith2000NodeCanvasMb = idleRssMb();
    await screenshot('canvas-2000-nodes');
    await session.click(byId('editor-back'));
  });
}

if (args['sync-url']) {
  await test('cloud sync turned on in Settings pushes to a real sqld', async () => {
    await session.click(byId('open-settings'));
    // Settings is a page with a section list: show Cloud sync.
    await session.click(byId('settings-nav-cloud-sync'));
    const [url] = await session.waitFor(byId('sync-url'));
    await url.click();
    await url.type(args['sync-url']);
    await session.click(byId('sync-test'));
    const [result] = await session.waitFor(byId('sync-test-result'));
    await session.waitUntil(
      'the connection test answers',
      async () => (await result.attribute('data-ok')) === 'true',
    );
    await session.click(byId('sync-enabled'));
    const status = () =>
      session.execute(`return document.querySelector('[data-testid="sync-status"]')?.dataset.state ?? null`);
    await session.waitUntil('the first sync finishes', async () => (await status()) === 'synced', 30000);
    await screenshot('settings-sync');
    await session.click(byId('settings-close'));
    // What the server holds now, through its own HTTP API.
    const response = await fetch(`${args['sync-url']}/v2/pipeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { type: 'execute', stmt: { sql: "SELECT count(*) FROM koda_rows WHERE entity = 'node'" } },
          { type: 'close' },
        ],
      }),
    });
    const body = await response.json();
    const nodes = Number(body.results[0].response.result.rows[0][0].value);
    if (!(nodes >= 2000)) throw new Error(`the server holds ${nodes} nodes, expected every local node`);
    figures.nodesPushedToSqld = nodes;
  });
}

await test('idle memory of the app is measured', async () => {
  // A fresh start, idle on the dashboard: what the app costs while it sits open.
  await launch();
  await sleep(3000);
  figures.idleRssMb = idleRssMb();
  await screenshot('dashboard'); // now with the thumbnails the editor captured
  if (!(figures.idleRssMb > 0)) throw new Error('could not read the app processes');
});

if (args['postgres-url']) {
  await test("moves to a team PostgreSQL in Settings, relaunches on it, and sees a teammate's canvas live", async () => {
    const schema = `e2e_${process.pid}`;
    await launch();
    await session.click(byId('open-settings'));
    // Settings is a page with a section list: show Database.
    await session.click(byId('settings-nav-database'));
    const [url] = await session.waitFor(byId('database-url'));
    await url.click();
    await url.type(args['postgres-url']);
    const [schemaField] = await session.waitFor(byId('database-schema'));
    await schemaField.click();
    await schemaField.type(schema);
    await session.click(byId('database-test'));
    const [result] = await session.waitFor(byId('database-test-result'));
    await session.waitUntil(
      'the connection test answers',
      async () => (await result.attribute('data-ok')) === 'true',
      20000,
    );
    await session.click(byId('database-move'));
    const [report] = await session.waitFor(byId('database-report'), { timeout: 120000 });
    if ((await report.attribute('data-verified')) !== 'true') throw new Error('the copy was not verified');
    const shown = await session.execute(
      `return document.querySelector('[data-testid="database-report-url"]')?.textContent ?? ''`,
    );
    if (!shown.includes('***') || shown.includes(':postgres@'))
      throw new Error(`the report shows the password: ${shown}`);
    await screenshot('settings-database-moved');
    // "Restart Koda" means the next start: quit and launch on the same data folder.
    const sqliteColdStart = figures.coldStartToDashboardMs;
    await launch();
    figures.coldStartOnPostgresMs = figures.coldStartToDashboardMs;
    figures.coldStartToDashboardMs = sqliteColdStart;
    if (args['big-canvas']) await session.waitFor(`[data-canvas-id="${args['big-canvas']}"]`);
    // A teammate on another machine adds a canvas to the same database (through the CLI).
    const teammateDir = mkdtempSync(join(tmpdir(), 'koda-teammate-'));
    const canvasFile = join(teammateDir, 'board.json');
    writeFileSync(
      canvasFile,
      JSON.stringify({
        id: 'teammate-board',
        name: "Teammate's board",
        createdAt: Date.now(),
        updatedAt: Date.now(),
        nodes: [],
        edges: [],
      }),
    );
    execFileSync(args.koda, ['--data-dir', teammateDir, 'canvas', 'import', canvasFile], {
      env: {
        ...process.env,
        KODA_STORAGE_BACKEND: 'postgres',
        DATABASE_URL: args['postgres-url'],
        KODA_POSTGRES_SCHEMA: schema,
      },
    });
    const started = Date.now();
    await session.waitFor('[data-canvas-id="teammate-board"]', { timeout: 20000 });
    figures.teammateCanvasShownMs = Date.now() - started;
    await screenshot('dashboard-postgres');
  });
}

await quit();

/** Resident memory of the running app and the WebKit processes it started, in MB. */
function idleRssMb() {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      procs.set(Number(pid), { ppid, cmd, rss });
    } catch {
      // the process ended while we looked
    }
  }
  const app = [...procs].filter(([, p]) => p.cmd.split('\0')[0].endsWith('koda-desktop')).map(([pid]) => pid);
  const isOurs = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = procs.get(p)?.ppid ?? 0, hops++)
      if (app.includes(p)) return true;
    return false;
  };
  const kb = [...procs].filter(([pid]) => isOurs(pid)).reduce((sum, [, p]) => sum + p.rss, 0);
  return Math.round(kb / 1024);
}

console.log(`figures: ${JSON.stringify(figures)}`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
