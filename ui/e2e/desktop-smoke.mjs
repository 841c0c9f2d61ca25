// Desktop-only UI in a browser: the page gets a fake Tauri backend (fake-desktop.js) before it
// loads, so the UI runs as in Koda Desktop (TauriProvider) and this drives what only the desktop
// app shows — cloud sync, asset thumbnails, live updates from sync, import/export, backups,
// Settings → Database (testing a PostgreSQL server, moving there with progress, and back) and
// Settings → Asset storage (a bucket for asset files: test, turn on, live upload status, off).
// Run: `npm run e2e:desktop-ui` (CHROMIUM=/path/to/chromium if not /usr/bin/chromium; SHOTS=/dir
// saves screenshots). Prints `N passed, N failed`, exits non-zero on a failure.
import { fileURLToPath } from 'node:url';
import { generationScenarios } from './desktop-generation.mjs';
import { historyDesktopScenarios } from './desktop-history.mjs';
import { openMenuScenarios } from './desktop-open-menu.mjs';
import { recoveryScenarios } from './desktop-recovery.mjs';
import { updatesScenarios } from './desktop-updates.mjs';
import { canvasRulesScript, fakeCalls, startHarness } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeGeneration = fileURLToPath(new URL('./fake-generation.js', import.meta.url));
const fakeHistory = fileURLToPath(new URL('./fake-history.js', import.meta.url));
const shots = process.env.SHOTS;
const now = Date.now();
const node = (id, type, x, y, data, w, h, extra = {}) => ({
  id,
  type,
  position: { x, y },
  data,
  width: w,
  height: h,
  ...extra,
});
const seed = [
  {
    id: 'c-story',
    name: 'Storyboard',
    createdAt: now - 86_400_000,
    updatedAt: now - 60_000,
    revision: 3,
    viewport: { x: 60, y: 80, zoom: 1 },
    nodes: [
      node('p1', 'text', 0, 0, { content: 'A lighthouse in a storm' }, 280, 180),
      node('ig', 'imageGenerator', 360, 0, { prompt: '', model: 'flux-pro' }, 300, 340),
      node('n1', 'stickyNote', 0, 240, { content: 'Moodier', color: 'blue' }, 220, 160),
    ],
    edges: [{ id: 'e1', source: 'p1', sourceHandle: 'output', target: 'ig', targetHandle: 'text' }],
  },
];

// Not `web`: with the fake in place the app picks the desktop provider.
const { base, browser, check, run } = await startHarness({ mode: 'development', port: 5189 });
const shoot = async (page, name) => shots && page.screenshot({ path: `${shots}/${name}.png` });
/** Shows a section of the open Settings page (its list on the left) and waits for it. */
const showSection = async (page, section) => {
  await page.click(`[data-testid="settings-nav-${section}"]`);
  await page.waitForSelector(`[data-testid="settings-panel"][data-section="${section}"]`);
};

async function openApp(database, assetStorage) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: await canvasRulesScript() });
  await context.addInitScript({ path: fake });
  await context.addInitScript({ path: fakeGeneration });
  await context.addInitScript({ path: fakeHistory });
  await context.addInitScript((canvases) => canvases.forEach((c) => window.__fakeDesktop.add(c)), seed);
  if (database)
    await context.addInitScript((db) => Object.assign(window.__fakeDesktop.state.database, db), database);
  if (assetStorage)
    await context.addInitScript(
      (assets) => Object.assign(window.__fakeDesktop.state.assetStorage, assets),
      assetStorage,
    );
  const page = await context.newPage();
  page.on('pageerror', (e) => check('no page error', false, e.message));
  await page.goto(base);
  await page.waitForSelector('[data-testid="canvas-card"]');
  return {
    context,
    page,
    calls: (cmd) => fakeCalls(page, cmd),
  };
}

async function scenarioSync() {
  const { context, page: p, calls } = await openApp();
  check(
    'desktop storage badge',
    (await p.textContent('[data-testid="storage-badge"]')).includes('Local · SQLite'),
  );
  check('sync badge says off', (await p.getAttribute('[data-testid="sync-badge"]', 'data-state')) === 'off');
  await p.click('[data-testid="sync-badge"]');
  await p.waitForSelector('[data-testid="settings"]');
  check(
    'the sync badge opens Settings → Cloud sync',
    (await p.getAttribute('[data-testid="settings-panel"]', 'data-section')) === 'cloud-sync' &&
      (await p.textContent('[data-testid="settings-heading"]')) === 'Cloud sync' &&
      p.url().endsWith('#/?settings=cloud-sync'),
    p.url(),
  );
  await p.locator('[data-testid="sync-enabled"]').scrollIntoViewIfNeeded();
  check('status off', (await p.getAttribute('[data-testid="sync-status"]', 'data-state')) === 'off');
  check('no token stored yet', (await p.$('[data-testid="sync-token-stored"]')) === null);
  // Turning it on without a URL explains what is missing.
  await p.click('[data-testid="sync-enabled"]');
  check(
    'URL required',
    (await p.textContent('[data-testid="sync-error"]')).includes('Enter the database URL first'),
  );
  // A bad URL: the app's config error is shown.
  await p.fill('[data-testid="sync-url"]', 'ftp://nope');
  await p.click('[data-testid="sync-enabled"]');
  await p.waitForSelector('[data-testid="sync-error"]:has-text("must start with libsql://")');
  check('config error shown', true);
  // Test connection: offline, newer remote, then fine.
  await p.fill('[data-testid="sync-url"]', 'libsql://offline.example');
  await p.click('[data-testid="sync-test"]');
  await p.waitForSelector('[data-testid="sync-test-result"]');
  check(
    'offline explained',
    (await p.textContent('[data-testid="sync-test-result"]')).includes('Can’t reach the database'),
  );
  await p.fill('[data-testid="sync-url"]', 'libsql://newer.example');
  await p.click('[data-testid="sync-test"]');
  await p.waitForSelector('[data-testid="sync-test-result"]:has-text("newer Koda")');
  check('newer remote explained', true);
  await p.fill('[data-testid="sync-url"]', 'libsql://koda-team.turso.io');
  await p.fill('[data-testid="sync-token"]', 'secret-token');
  await p.click('[data-testid="sync-test"]');
  await p.waitForSelector('[data-testid="sync-test-result"][data-ok="true"]');
  const tested = (await calls('test_sync')).at(-1).args;
  check(
    'test sends URL and typed token',
    tested.url === 'libsql://koda-team.turso.io' && tested.token === 'secret-token',
    JSON.stringify(tested),
  );
  await p.click('[data-testid="sync-enabled"]');
  await p.waitForSelector('[data-testid="sync-status"][data-state="synced"]');
  const set = (await calls('set_sync')).at(-1).args;
  check(
    'set_sync with URL and token',
    set.enabled === true && set.url === 'libsql://koda-team.turso.io' && set.token === 'secret-token',
    JSON.stringify(set),
  );
  check('token field emptied (write-only)', (await p.inputValue('[data-testid="sync-token"]')) === '');
  check(
    '"A token is stored"',
    (await p.textContent('[data-testid="sync-token-stored"]')).includes('A token is stored'),
  );
  check(
    'last sync time shown',
    (await p.textContent('[data-testid="sync-status"]')).includes('last synced just now'),
  );
  // Changing only the URL keeps the stored token (null).
  await p.fill('[data-testid="sync-url"]', 'libsql://koda-studio.turso.io');
  await p.click('[data-testid="sync-save"]');
  await p.waitForSelector('[data-testid="sync-save"]', { state: 'detached' });
  check('URL change keeps the token', (await calls('set_sync')).at(-1).args.token === null);
  await p.click('[data-testid="sync-now"]');
  await p.waitForSelector('[data-testid="sync-status"][data-state="syncing"]');
  await p.waitForSelector('[data-testid="sync-status"][data-state="synced"]');
  check('sync now runs', (await calls('sync_now')).length === 1);
  await p.locator('[data-testid="sync-status"]').scrollIntoViewIfNeeded();
  await shoot(p, 'settings-sync');
  await p.keyboard.press('Escape');
  check(
    'sidebar badge synced',
    (await p.getAttribute('[data-testid="sync-badge"]', 'data-state')) === 'synced',
  );
  // Status events from the app move the badges.
  await p.evaluate(() => window.__fakeDesktop.setSync({ state: 'offline', pending: 4 }));
  check(
    'badge follows status events',
    (await p.getAttribute('[data-testid="sync-badge"]', 'data-state')) === 'offline',
  );
  check(
    'badge tooltip has the status line',
    (await p.getAttribute('[data-testid="sync-badge"]', 'title')).includes('4 changes waiting'),
  );
  await shoot(p, 'dashboard-sync-badge');
  await p.click('[data-canvas-id="c-story"] .card__open');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  check(
    'editor badge',
    (await p.getAttribute('.topbar [data-testid="sync-badge"]', 'data-state')) === 'offline',
  );
  await p.evaluate(() => window.__fakeDesktop.setSync({ state: 'error', message: 'token expired' }));
  check(
    'editor badge error',
    (await p.getAttribute('.topbar [data-testid="sync-badge"]', 'data-state')) === 'error',
  );
  await shoot(p, 'editor-sync-badge');
  await p.click('.topbar [data-testid="sync-badge"]');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="cloud-sync"]');
  check(
    'the editor’s sync badge opens Cloud sync over the canvas',
    p.url().includes('#/canvas/c-story?settings=cloud-sync'),
  );
  await p.keyboard.press('Escape');
  await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });
  check(
    'Esc goes back to the canvas as it was',
    p.url().endsWith('#/canvas/c-story') && (await p.isVisible('[data-testid="editor"][data-ready="true"]')),
    p.url(),
  );
  await context.close();
}

async function scenarioLiveSyncAndThumbnails() {
  const { context, page: p, calls } = await openApp();
  await p.click('[data-canvas-id="c-story"] .card__open');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  // The person types; before the save goes out another device's change arrives through sync.
  await p.click('.react-flow__node[data-id="p1"] textarea');
  await p.keyboard.press('End');
  await p.keyboard.type(' at dawn');
  await p.evaluate(() => {
    const fake = window.__fakeDesktop;
    const canvas = fake.canvases.get('c-story');
    canvas.nodes.find((n) => n.id === 'n1').data = { content: 'From the laptop', color: 'pink' };
    canvas.nodes.push({
      id: 'm9',
      type: 'media',
      position: { x: 720, y: 0 },
      data: { type: 'image', name: 'laptop.png' },
      width: 260,
      height: 220,
    });
    canvas.revision += 1;
    fake.changed('synced', 'c-story', canvas.revision);
  });
  await p.waitForSelector('.react-flow__node[data-id="m9"]');
  check('remote node appears live', true);
  check(
    'remote edit shown',
    (await p.inputValue('.react-flow__node[data-id="n1"] textarea')) === 'From the laptop',
  );
  check(
    'typed text kept',
    (await p.inputValue('.react-flow__node[data-id="p1"] textarea')) === 'A lighthouse in a storm at dawn',
  );
  await p.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 5000 });
  const stored = await p.evaluate(() => window.__fakeDesktop.canvases.get('c-story'));
  check(
    'both edits stored',
    stored.nodes.find((n) => n.id === 'p1').data.content === 'A lighthouse in a storm at dawn' &&
      stored.nodes.some((n) => n.id === 'm9'),
    JSON.stringify(stored.nodes.map((n) => n.id)),
  );
  await shoot(p, 'editor-live-sync');
  // Leaving the editor renders a PNG thumbnail and stores it as an asset.
  await p.click('[data-testid="editor-back"]');
  await p.waitForSelector('[data-canvas-id="c-story"] .thumb__image');
  const thumbs = await calls('set_canvas_thumbnail');
  check(
    'thumbnail sent as raw PNG with the canvas header',
    thumbs.length === 1 &&
      /^<\d+ bytes>$/.test(thumbs[0].args) &&
      thumbs[0].headers['x-koda-canvas'] === 'c-story',
    JSON.stringify(thumbs),
  );
  check(
    'card shows the asset thumbnail',
    (await p.getAttribute('[data-canvas-id="c-story"] .thumb__image', 'src')).startsWith('blob:'),
  );
  const stamp = await p.evaluate(() => window.__fakeDesktop.canvases.get('c-story').thumbnail);
  check('canvas thumbnail is a koda-asset reference', /^koda-asset:\/\/[0-9a-f]{64}$/.test(stamp), stamp);
  await shoot(p, 'dashboard-asset-thumbnail');
  await context.close();
}

async function scenarioImportExportBackups() {
  const { context, page: p, calls } = await openApp();
  const toastWith = (text) =>
    p.waitForSelector(`[data-testid="toast"]:has-text(${JSON.stringify(text)})`, { timeout: 5000 });
  // Import from the picker: a web app dump with two canvases, then a broken file.
  const dump = [
    {
      id: 'w1',
      name: 'Web moodboard',
      createdAt: now,
      updatedAt: now,
      nodes: [node('a', 'text', 0, 0, { content: 'x' }, 280, 180)],
      edges: [],
    },
    { id: 'w2', name: 'Web storyboard', createdAt: now, updatedAt: now - 1000, nodes: [], edges: [] },
  ];
  await p.setInputFiles('[data-testid="import-file"]', {
    name: 'spaces-canvases.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(dump)),
  });
  await p.waitForSelector('[data-testid="import-progress"]');
  check(
    'progress bar while importing',
    (await p.textContent('[data-testid="import-progress"]')).includes('spaces-canvases.json'),
  );
  await shoot(p, 'dashboard-import-progress');
  await toastWith('Imported 2 canvases');
  await p.waitForSelector('[data-testid="import-progress"]', { state: 'detached' });
  check('imported cards shown', (await p.$$('[data-testid="canvas-card"]')).length === 3);
  const sent = (await calls('import_file')).at(-1);
  check(
    'file sent raw with its name',
    /^<\d+ bytes>$/.test(sent.args) && sent.headers['x-koda-filename'] === 'spaces-canvases.json',
    JSON.stringify(sent),
  );
  await p.setInputFiles('[data-testid="import-file"]', {
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[{"id": 1}]'),
  });
  await toastWith('Import failed — broken.json');
  check(
    'failed import explained with its position',
    (await p.textContent('[data-testid="toast"]:has-text("Import failed")')).includes('$[0].id'),
  );
  // Files dropped onto the dashboard are imported too.
  await p.evaluate(() => {
    const zone = document.querySelector('.import-drop-zone');
    const data = new DataTransfer();
    data.items.add(
      new File(
        [
          JSON.stringify({
            id: 'd1',
            name: 'Dropped canvas',
            createdAt: 1,
            updatedAt: 1,
            nodes: [],
            edges: [],
          }),
        ],
        'dropped.json',
        { type: 'application/json' },
      ),
    );
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    window.__dropData = data;
  });
  await p.waitForSelector('[data-testid="import-drop"]');
  await shoot(p, 'dashboard-import-drop');
  await p.evaluate(() =>
    document
      .querySelector('.import-drop-zone')
      .dispatchEvent(
        new DragEvent('drop', { dataTransfer: window.__dropData, bubbles: true, cancelable: true }),
      ),
  );
  await toastWith('Imported “Dropped canvas”');
  check('dropped file imported', (await p.$$('[data-testid="canvas-card"]')).length === 4);
  check('drop overlay gone', (await p.$('[data-testid="import-drop"]')) === null);

  // Export from a card: the submenu of formats, a toast with the path.
  await p.click('[data-canvas-id="c-story"] [data-testid="card-menu"]');
  await p.hover('[data-testid="card-export"]');
  await p.waitForSelector('[data-testid="card-export-menu"]');
  await shoot(p, 'dashboard-export-menu');
  await p.click('[data-testid="card-export-menu"] [data-testid="export-koda"]');
  await toastWith('Saved to /home/you/Downloads/Storyboard.koda');
  check(
    'export_canvas koda',
    JSON.stringify((await calls('export_canvas')).at(-1).args) ===
      JSON.stringify({ id: 'c-story', format: 'koda' }),
  );
  await p.click('[data-canvas-id="c-story"] [data-testid="card-menu"]');
  await p.click('[data-testid="card-export"]');
  await p.click('[data-testid="card-export-menu"] [data-testid="export-png"]');
  await toastWith('Saved to /home/you/Downloads/Storyboard.png');
  const png = (await calls('save_export')).at(-1);
  check(
    'PNG saved through save_export',
    /^<\d+ bytes>$/.test(png.args) && png.headers['x-koda-filename'] === 'Storyboard.png',
    JSON.stringify(png),
  );
  // Export from the editor: PNG of the view, after saving.
  await p.click('[data-canvas-id="c-story"] .card__open');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.click('[data-testid="editor-export"]');
  await p.waitForSelector('[data-testid="export-menu"]');
  check(
    'editor export offers the view',
    (await p.textContent('[data-testid="export-menu"]')).includes('PNG of the view'),
  );
  await p.click('[data-testid="export-menu"] [data-testid="export-png"]');
  await toastWith('Saved to /home/you/Downloads/Storyboard.png');
  const size = await p.evaluate(() => {
    const bytes = window.__fakeDesktop.state.lastExportPng;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    return [view.getUint32(16), view.getUint32(20)];
  });
  check(
    'view PNG is 1920 px wide in the view’s shape',
    size[0] === 1920 && size[1] > 900 && size[1] < 1400,
    JSON.stringify(size),
  );
  await p.click('[data-testid="editor-export"]');
  await p.click('[data-testid="export-menu"] [data-testid="export-canvas"]');
  await toastWith('Storyboard.canvas');
  check('JSON Canvas export', (await calls('export_canvas')).at(-1).args.format === 'canvas');
  // Cancelling the Save dialog exports nothing and says nothing.
  const toastCount = await p.$$eval('[data-testid="toast"]', (t) => t.length);
  await p.evaluate(() => window.__fakeDesktop.state.dialogAnswers.push({ cancel: true }));
  await p.click('[data-testid="editor-export"]');
  await p.click('[data-testid="export-menu"] [data-testid="export-koda"]');
  await p.waitForTimeout(300);
  check(
    'a cancelled Save dialog adds no toast',
    (await p.$$eval('[data-testid="toast"]', (t) => t.length)) === toastCount &&
      (await p.evaluate(() => window.__fakeDesktop.state.dialogAnswers.length)) === 0,
  );
  await p.click('[data-testid="editor-back"]');

  // Backups: list, back up now, restore with a confirmation, then restart.
  await p.click('.sidebar [data-testid="open-settings"]');
  await showSection(p, 'backups');
  await p.waitForSelector('[data-testid="backup-item"]');
  check('backups listed', (await p.$$('[data-testid="backup-item"]')).length === 2);
  await p.click('[data-testid="backup-now"]');
  await toastWith('Backed up to');
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="backup-item"]').length === 3);
  check(
    'new backup listed first',
    (await p.getAttribute('[data-testid="backup-item"]', 'data-name')).startsWith('koda-manual-'),
  );
  await p.click('[data-testid="backup-item"][data-name="koda-2025-01-10.db"] [data-testid="backup-restore"]');
  await p.waitForSelector('[data-testid="confirm-dialog"]');
  await p.keyboard.press('Escape');
  check(
    'Esc closes only the confirmation',
    (await p.$('[data-testid="confirm-dialog"]')) === null &&
      (await p.$('[data-testid="settings"]')) !== null,
  );
  await p.click('[data-testid="backup-item"][data-name="koda-2025-01-10.db"] [data-testid="backup-restore"]');
  await shoot(p, 'settings-restore-confirm');
  await p.click('[data-testid="confirm-ok"]');
  await p.waitForSelector('[data-testid="restore-pending"]');
  check(
    'restart asked for',
    (await p.textContent('[data-testid="restore-pending"]')).includes('Restart Koda to finish restoring'),
  );
  check(
    'restore scheduled',
    (await p.evaluate(() => window.__fakeDesktop.state.restoreScheduled)) === 'koda-2025-01-10.db',
  );
  await p.locator('[data-testid="restore-pending"]').scrollIntoViewIfNeeded();
  await shoot(p, 'settings-backups');
  await p.click('[data-testid="restart-app"]');
  await p.waitForFunction(() => window.__fakeDesktop.state.restarted);
  check('restart_app called', true);
  await context.close();
}

// Settings is a page with a section list: each section opens from the list (and Up/Down), its
// name is in the hash so a reload keeps it, Esc closes it, and General/Storage open the logs.
async function scenarioSettingsPage() {
  const { context, page: p, calls } = await openApp();
  const sections = [
    ['general', 'General'],
    ['canvas', 'Canvas'],
    ['ai', 'AI providers'],
    ['storage', 'Storage'],
    ['database', 'Database'],
    ['asset-storage', 'Asset storage'],
    ['cloud-sync', 'Cloud sync'],
    ['backups', 'Backups'],
  ];
  const heading = () => p.textContent('[data-testid="settings-heading"]');
  const shown = () => p.getAttribute('[data-testid="settings-panel"]', 'data-section');

  await p.click('.sidebar [data-testid="open-settings"]');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="general"]');
  check('settings: opens at General, in the hash', p.url().endsWith('#/?settings=general'), p.url());
  check(
    'settings: the list names every section, in order',
    JSON.stringify(
      await p.$$eval('[data-testid="settings-nav"] [role="tab"]', (tabs) => tabs.map((t) => t.textContent)),
    ) === JSON.stringify(sections.map(([, title]) => title)),
  );
  check(
    'settings: a page over the whole window',
    JSON.stringify(await p.$eval('[data-testid="settings"]', (e) => [e.clientWidth, e.clientHeight])) ===
      '[1280,800]',
  );
  await p.waitForSelector('[data-testid="logs-dir"]');
  check(
    'settings: General shows where the logs are',
    (await p.textContent('[data-testid="logs-dir"]')) === '/home/you/.local/share/koda/logs',
  );
  await shoot(p, 'settings-general');
  await p.click('[data-testid="open-logs-folder"]');
  await p.waitForFunction(() => window.__fakeDesktop.state.calls.some((c) => c.cmd === 'open_logs_folder'));
  check(
    'settings: Open logs folder calls open_logs_folder (no arguments)',
    (await calls('open_logs_folder')).length === 1 &&
      Object.keys((await calls('open_logs_folder'))[0].args ?? {}).length === 0,
    JSON.stringify(await calls('open_logs_folder')),
  );

  // Each section from the list: its title, a line under it, and its name in the hash.
  for (const [id, title] of sections) {
    await showSection(p, id);
    const line = await p.textContent('.settings-page__description');
    check(
      `settings: ${title} opens from the list`,
      (await heading()) === title && line.length > 10 && p.url().endsWith(`?settings=${id}`),
      `${await heading()} · ${p.url()}`,
    );
    if (id === 'storage') {
      await p.waitForSelector('[data-testid="data-dir"]:has-text("/home/you")');
      await p.click('[data-testid="open-logs-folder"]');
      await p.waitForFunction(
        () => window.__fakeDesktop.state.calls.filter((c) => c.cmd === 'open_logs_folder').length === 2,
      );
      check('settings: Storage has Open logs folder beside the data folder', true);
    }
    if (id === 'cloud-sync') await p.waitForSelector('[data-testid="sync-status"][data-state="off"]');
    if (id === 'backups') await p.waitForSelector('[data-testid="backup-item"]');
    await shoot(p, `settings-${id}`);
  }

  // The keyboard: Up/Down move through the list (wrapping round), the page follows.
  await p.focus('[data-testid="settings-nav-backups"]');
  await p.keyboard.press('ArrowUp');
  check('settings: ArrowUp shows the section above', (await shown()) === 'cloud-sync');
  check(
    'settings: focus moves with it',
    (await p.evaluate(() => document.activeElement?.dataset.section)) === 'cloud-sync',
  );
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  check('settings: ArrowDown wraps to the top', (await shown()) === 'general');
  await p.keyboard.press('End');
  check('settings: End goes to the last section', (await shown()) === 'backups');

  // A reload keeps the section.
  await p.reload();
  await p.waitForSelector('[data-testid="settings-panel"][data-section="backups"]');
  check(
    'settings: a reload keeps the section',
    (await heading()) === 'Backups' && p.url().endsWith('#/?settings=backups'),
  );
  check(
    'settings: the list has the focus after opening',
    (await p.evaluate(() => document.activeElement?.dataset.section)) === 'backups',
  );

  // Esc closes it; ⌘, / Ctrl+, opens it again (General) and closes it.
  await p.keyboard.press('Escape');
  await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });
  check('settings: Esc closes it, the hash back to the screen', p.url().endsWith('#/'), p.url());
  await p.keyboard.press('Control+Comma');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="general"]');
  check('settings: Ctrl+, opens it', true);
  await p.keyboard.press('Control+Comma');
  await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });
  check('settings: Ctrl+, closes it again', true);

  // From the editor: it lies over the canvas, and closing it leaves the canvas as it was.
  await p.click('[data-canvas-id="c-story"] .card__open');
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.click('.topbar [data-testid="open-settings"]');
  await showSection(p, 'canvas');
  check(
    'settings: over the editor, in its hash',
    p.url().endsWith('#/canvas/c-story?settings=canvas'),
    p.url(),
  );
  await p.keyboard.press('Delete');
  await p.click('[data-testid="settings-close"]');
  await p.waitForSelector('[data-testid="settings"]', { state: 'detached' });
  check(
    'settings: ✕ goes back to the canvas, untouched by the keys pressed in Settings',
    p.url().endsWith('#/canvas/c-story') && (await p.$$('.react-flow__node')).length === 3,
  );
  await context.close();
}

async function scenarioDatabase() {
  const { context, page: p, calls } = await openApp();
  const result = () => p.textContent('[data-testid="database-test-result"]');
  const testWith = async (url) => {
    await p.fill('[data-testid="database-url"]', url);
    await p.click('[data-testid="database-test"]');
    await p.waitForSelector('[data-testid="database-test-result"]');
  };
  // The storage badge opens Settings → Database.
  await p.click('[data-testid="storage-badge"]');
  await p.waitForSelector('[data-testid="settings-panel"][data-section="database"]');
  check('database: the storage badge opens Database', p.url().endsWith('#/?settings=database'), p.url());
  await p.waitForSelector('[data-testid="database-backend"][data-backend="sqlite"]');
  await p.locator('[data-testid="database-url"]').scrollIntoViewIfNeeded();
  check(
    'database: on SQLite',
    (await p.textContent('[data-testid="database-backend"]')) === 'SQLite file on this computer',
  );
  check(
    'database: URL is a password field',
    (await p.getAttribute('[data-testid="database-url"]', 'type')) === 'password',
  );
  check(
    'database: placeholder',
    (await p.getAttribute('[data-testid="database-url"]', 'placeholder')) ===
      'postgres://user:password@host:5432/koda?sslmode=require',
  );
  check(
    'database: nothing to test or move yet',
    (await p.isDisabled('[data-testid="database-test"]')) &&
      (await p.isDisabled('[data-testid="database-move"]')),
  );
  check(
    'database: says what to do first',
    (await p.textContent('[data-testid="database-move-hint"]')).includes('Enter the server’s URL'),
  );
  await shoot(p, 'settings-database-empty');
  await p.click('[data-testid="database-url-toggle"]');
  check(
    'database: show/hide toggle',
    (await p.getAttribute('[data-testid="database-url"]', 'type')) === 'text',
  );
  await p.click('[data-testid="database-url-toggle"]');
  // Each failure by code, with Move held back.
  await testWith('postgres://koda:wrong@db.example.com:5432/koda?sslmode=require');
  check(
    'database: wrong password explained',
    (await result()).includes('refused the login — check the user name and password'),
    await result(),
  );
  await testWith('postgres://koda:pw@nowhere.example.com/koda');
  await p.waitForSelector('[data-testid="database-test-result"]:has-text("Can’t reach the server")');
  await testWith('mysql://koda@db.example.com/koda');
  await p.waitForSelector('[data-testid="database-test-result"]:has-text("must start with postgres://")');
  await testWith('postgres://koda:pw@newer.example.com/koda');
  await p.waitForSelector('[data-testid="database-test-result"]:has-text("newer Koda")');
  check('database: failures explained by code', true);
  check('database: move disabled after a failed test', await p.isDisabled('[data-testid="database-move"]'));
  // Unencrypted server elsewhere: works, with a warning.
  await testWith('postgres://koda:pw@db.example.com/koda');
  await p.waitForSelector('[data-testid="database-test-result"][data-ok="true"]');
  check(
    'database: unencrypted remote warned about',
    (await p.textContent('[data-testid="database-tls-warning"]')).includes('sslmode=require'),
  );
  await shoot(p, 'settings-database-unencrypted');
  // The real one, through the keyboard: Enter in the field tests.
  const url = 'postgres://koda:hunter2@db.example.com:5432/koda?sslmode=require';
  await p.fill('[data-testid="database-url"]', url);
  check('database: editing the URL needs a new test', await p.isDisabled('[data-testid="database-move"]'));
  await p.press('[data-testid="database-url"]', 'Enter');
  await p.waitForSelector('[data-testid="database-test-result"][data-ok="true"]');
  const facts = await result();
  check(
    'database: test shows version, TLS, canvases there',
    facts.includes('PostgreSQL 16.4') &&
      facts.includes('Encrypted (TLS)') &&
      facts.includes('2 canvases already there'),
    facts,
  );
  check(
    'database: no TLS warning when encrypted',
    (await p.$('[data-testid="database-tls-warning"]')) === null,
  );
  check(
    'database: test sends URL and default schema',
    JSON.stringify((await calls('database_test_postgres')).at(-1).args) ===
      JSON.stringify({ url, schema: null }),
  );
  check('database: move enabled after the test', !(await p.isDisabled('[data-testid="database-move"]')));
  await p.locator('[data-testid="database-test-result"]').scrollIntoViewIfNeeded();
  await p.evaluate(() =>
    document
      .querySelector('[data-testid="database-backend"]')
      .closest('.settings-section')
      .scrollIntoView({ block: 'start' }),
  );
  await shoot(p, 'settings-database');
  // Move, with a progress bar naming the canvas.
  await p.evaluate(() => (window.__fakeDesktop.state.delayMs = 900));
  await p.click('[data-testid="database-move"]');
  await p.waitForSelector('[data-testid="database-progress"][data-phase="canvases"]');
  check(
    'database: progress names the canvas',
    (await p.textContent('[data-testid="database-progress-canvas"]')) === '“Storyboard”',
  );
  check(
    'database: progress says how far',
    (await p.textContent('[data-testid="database-progress-phase"]')) === 'Copying canvas 1 of 1',
  );
  await p.waitForSelector(
    '[data-testid="database-progress"][data-phase="verifying"], [data-testid="database-progress"][data-phase="settings"]',
  );
  check(
    'database: bar moves on',
    Number(await p.getAttribute('[data-testid="database-progress"] [role="progressbar"]', 'aria-valuenow')) >=
      80,
  );
  await shoot(p, 'settings-database-progress');
  await p.waitForSelector('[data-testid="database-report"][data-verified="true"]', { timeout: 10_000 });
  const moved = (await calls('database_move_to_postgres')).at(-1).args;
  check(
    'database: move sends URL and schema',
    moved.url === url && moved.schema === null,
    JSON.stringify(moved),
  );
  await p.waitForSelector('[data-testid="database-report-url"]');
  check(
    'database: report shows only the hidden-password URL',
    (await p.textContent('[data-testid="database-report-url"]')) ===
      'postgres://koda:***@db.example.com:5432/koda?sslmode=require',
  );
  check(
    'database: report counts and keeps the local file',
    /1 canvas copied.*3 nodes/.test(await p.textContent('[data-testid="database-report"]')) &&
      (await p.textContent('[data-testid="database-report"]')).includes('left untouched'),
  );
  const leaked = await p.evaluate(
    () =>
      document.body.innerText.includes('hunter2') ||
      [...document.querySelectorAll('input')].some((i) => i.value.includes('hunter2')),
  );
  check('database: typed password gone from the page', !leaked);
  await p.locator('[data-testid="database-report"]').scrollIntoViewIfNeeded();
  await shoot(p, 'settings-database-moved');
  await p.click('[data-testid="database-restart"]');
  await p.waitForFunction(() => window.__fakeDesktop.state.restarted);
  check('database: Restart Koda calls restart_app', true);
  await context.close();
}

async function scenarioOnPostgres() {
  const server = {
    backend: 'postgres',
    displayUrl: 'postgres://koda:***@db.example.com:5432/koda?sslmode=require',
    schema: 'studio',
  };
  const { context, page: p, calls } = await openApp(server);
  await p.waitForSelector('[data-testid="storage-badge"]:has-text("Team · PostgreSQL")');
  check('postgres: storage badge', true);
  check('postgres: no sync badge', (await p.$('[data-testid="sync-badge"]')) === null);
  await p.click('.sidebar [data-testid="open-settings"]');
  await showSection(p, 'storage');
  await p.waitForSelector('[data-testid="storage-server"]');
  check(
    'postgres: storage section names the server',
    (await p.textContent('[data-testid="storage-backend"]')) === 'Team · PostgreSQL' &&
      (await p.textContent('[data-testid="storage-server"]')).includes('koda:***@db.example.com'),
  );
  await shoot(p, 'settings-storage-postgres');
  await showSection(p, 'database');
  await p.waitForSelector('[data-testid="database-server"]');
  check(
    'postgres: database section shows the server and schema',
    (await p.textContent('[data-testid="database-server"]')) === server.displayUrl &&
      (await p.textContent('[data-testid="database-schema-shown"]')) === 'studio',
  );
  check('postgres: no URL field', (await p.$('[data-testid="database-url"]')) === null);
  await p.locator('[data-testid="database-move-back"]').scrollIntoViewIfNeeded();
  await shoot(p, 'settings-database-postgres');
  await showSection(p, 'cloud-sync');
  check(
    'postgres: cloud sync explained instead',
    (await p.getAttribute('[data-testid="sync-unavailable"]', 'data-reason')) === 'postgres' &&
      (await p.$('[data-testid="sync-enabled"]')) === null,
  );
  await shoot(p, 'settings-sync-postgres');
  await showSection(p, 'backups');
  await p.waitForSelector('[data-testid="backup-item"]');
  check('postgres: no Back up now', (await p.$('[data-testid="backup-now"]')) === null);
  await showSection(p, 'database');
  await p.click('[data-testid="database-move-back"]');
  await p.waitForSelector('[data-testid="confirm-dialog"]');
  await p.keyboard.press('Escape');
  check(
    'postgres: Esc cancels moving back',
    (await calls('database_move_to_sqlite')).length === 0 && (await p.$('[data-testid="settings"]')) !== null,
  );
  await p.click('[data-testid="database-move-back"]');
  await p.click('[data-testid="confirm-ok"]');
  await p.waitForSelector('[data-testid="database-report"]', { timeout: 10_000 });
  check(
    'postgres: moved back, restart asked for',
    (await p.textContent('[data-testid="database-report"]')).includes(
      'uses the SQLite file on this computer',
    ) && (await p.$('[data-testid="database-restart"]')) !== null,
  );
  await context.close();

  // Chosen by environment variables: read-only.
  const env = await openApp({ ...server, fromEnvironment: true });
  await env.page.click('.sidebar [data-testid="open-settings"]');
  await showSection(env.page, 'database');
  await env.page.waitForSelector('[data-testid="database-env-note"]');
  check(
    'environment: read-only',
    (await env.page.$('[data-testid="database-url"]')) === null &&
      (await env.page.$('[data-testid="database-move-back"]')) === null,
  );
  check(
    'environment: server still shown',
    (await env.page.textContent('[data-testid="database-server"]')) === server.displayUrl,
  );
  await env.context.close();
}

async function scenarioAssetStorage() {
  const { context, page: p, calls } = await openApp();
  const $ = (id) => `[data-testid="${id}"]`;
  const result = () => p.textContent($('asset-storage-test-result'));
  const testAgain = async () => {
    await p.click($('asset-storage-test'));
    await p.waitForSelector(`${$('asset-storage-test')}:not([disabled])`);
    await p.waitForSelector($('asset-storage-test-result'));
  };
  const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCY';
  const inText = () => p.evaluate((s) => document.body.innerText.includes(s), secret);
  const inInputs = () =>
    p.evaluate((s) => [...document.querySelectorAll('input')].some((i) => i.value.includes(s)), secret);

  check('assets: no badge while off', (await p.$($('asset-storage-badge'))) === null);
  await p.click('.sidebar [data-testid="open-settings"]');
  await showSection(p, 'asset-storage');
  await p.waitForSelector(`${$('asset-storage-status')}[data-state="off"]`);
  await p.evaluate(() =>
    document
      .querySelector('[data-testid="asset-storage-status"]')
      .closest('.settings-section')
      .scrollIntoView({ block: 'start' }),
  );
  check(
    'assets: off at first',
    (await p.textContent($('asset-storage-status'))) === 'Off — asset files stay on this computer only',
  );
  check(
    'assets: Turn on, disabled until filled in',
    (await p.textContent($('asset-storage-save'))) === 'Turn on' &&
      (await p.isDisabled($('asset-storage-save'))) &&
      (await p.isDisabled($('asset-storage-test'))),
  );
  check(
    'assets: says what is missing',
    (await p.textContent($('asset-storage-hint'))) ===
      'Still needed: Bucket, Access key ID, Secret access key.',
  );
  check(
    'assets: no Upload now or Turn off while off',
    (await p.$($('asset-storage-upload-now'))) === null && (await p.$($('asset-storage-turn-off'))) === null,
  );
  await shoot(p, 'settings-assets-empty');

  // Provider by keyboard: the segmented control moves with the arrow keys and adapts the hints.
  await p.focus($('asset-storage-provider-s3'));
  await p.keyboard.press('ArrowRight');
  await p.waitForSelector(`${$('asset-storage-provider-r2')}[aria-checked="true"]`);
  check(
    'assets: R2 endpoint placeholder',
    (await p.getAttribute($('asset-storage-endpoint'), 'placeholder')) ===
      'https://<account>.r2.cloudflarestorage.com',
  );
  check(
    'assets: R2 region placeholder',
    (await p.getAttribute($('asset-storage-region'), 'placeholder')) === 'auto',
  );
  await p.keyboard.press('ArrowRight');
  check(
    'assets: Supabase endpoint placeholder',
    (await p.getAttribute($('asset-storage-endpoint'), 'placeholder')) ===
      'https://<project>.supabase.co/storage/v1/s3',
  );
  await p.keyboard.press('ArrowLeft');
  check(
    'assets: secret is a password field',
    (await p.getAttribute($('asset-storage-secret'), 'type')) === 'password',
  );
  check(
    'assets: folder prefix defaults to koda/',
    (await p.getAttribute($('asset-storage-prefix'), 'placeholder')) === 'koda/',
  );

  await p.fill($('asset-storage-bucket'), 'art');
  await p.fill($('asset-storage-access-key'), 'AKIDEXAMPLE');
  await p.fill($('asset-storage-secret'), 'wrong');
  check(
    'assets: R2 needs an endpoint',
    (await p.textContent($('asset-storage-hint'))) === 'Still needed: Endpoint.',
  );
  await p.click($('asset-storage-secret-toggle'));
  check(
    'assets: show/hide toggle',
    (await p.getAttribute($('asset-storage-secret'), 'type')) === 'text' &&
      (await p.getAttribute($('asset-storage-secret-toggle'), 'aria-pressed')) === 'true',
  );
  await p.click($('asset-storage-secret-toggle'));

  // Each failure by code.
  await p.fill($('asset-storage-endpoint'), 'https://offline.r2.cloudflarestorage.com');
  await testAgain();
  check(
    'assets: unreachable explained',
    (await result()).startsWith('Can’t reach the bucket — check the endpoint'),
    await result(),
  );
  await p.fill($('asset-storage-endpoint'), 'https://acct.r2.cloudflarestorage.com');
  await testAgain();
  check(
    'assets: refused keys explained',
    (await result()).startsWith(
      'The bucket refused these keys — check the access key ID and the secret access key',
    ),
    await result(),
  );
  await p.fill($('asset-storage-secret'), secret);
  await p.fill($('asset-storage-bucket'), 'My Art');
  await p.press($('asset-storage-bucket'), 'Enter');
  await p.waitForSelector($('asset-storage-test-result'));
  check(
    'assets: bad bucket name explained',
    (await result()) === "The bucket name \"My Art\" is not allowed (letters, digits, '.', '_' and '-')",
    await result(),
  );
  check(
    'assets: the field is marked',
    (await p.getAttribute($('asset-storage-bucket'), 'aria-invalid')) === 'true',
  );
  await p.fill($('asset-storage-bucket'), 'missing');
  await testAgain();
  check(
    'assets: missing bucket explained',
    (await result()).includes('was not found') &&
      (await result()).includes('check the bucket name and the endpoint'),
    await result(),
  );
  await shoot(p, 'settings-assets-error');
  await p.fill($('asset-storage-endpoint'), 'ftp://acct');
  await p.fill($('asset-storage-bucket'), 'art');
  await testAgain();
  check(
    'assets: bad endpoint explained',
    (await result()) === 'The endpoint "ftp://acct" is not an http:// or https:// URL' &&
      (await p.getAttribute($('asset-storage-endpoint'), 'aria-invalid')) === 'true',
    await result(),
  );
  check(
    'assets: secret only in its own field',
    !(await inText()) && (await p.inputValue($('asset-storage-secret'))) === secret,
  );

  // The right one: works, then Turn on.
  await p.fill($('asset-storage-endpoint'), 'https://acct.r2.cloudflarestorage.com');
  await testAgain();
  check(
    'assets: connection works',
    (await p.getAttribute($('asset-storage-test-result'), 'data-ok')) === 'true' &&
      (await result()).startsWith('Connection works'),
  );
  const tested = (await calls('asset_storage_test')).at(-1).args.settings;
  check(
    'assets: test sends the typed bucket and secret',
    JSON.stringify(tested) ===
      JSON.stringify({
        provider: 'r2',
        bucket: 'art',
        accessKey: 'AKIDEXAMPLE',
        endpoint: 'https://acct.r2.cloudflarestorage.com',
        secretKey: secret,
      }),
    JSON.stringify(tested),
  );
  await p.click($('asset-storage-save'));
  await p.waitForSelector(`${$('asset-storage-save')}:has-text("Save")`);
  check(
    'assets: turned on with the typed settings',
    (await calls('asset_storage_save')).at(-1).args.settings.secretKey === secret,
  );
  await p.waitForSelector('[data-testid="toast"]:has-text("Asset storage is on")');
  check(
    'assets: secret field emptied',
    (await p.inputValue($('asset-storage-secret'))) === '' &&
      (await p.getAttribute($('asset-storage-secret'), 'placeholder')) === 'Saved — leave empty to keep it',
  );
  check('assets: secret gone from the page', !(await inText()) && !(await inInputs()));
  check('assets: region filled in by the app', (await p.inputValue($('asset-storage-region'))) === 'auto');
  // Background passes arrive as koda://asset-uploads.
  await p.waitForSelector(`${$('asset-storage-status')}:has-text("4 uploaded · 2 waiting")`);
  await p.waitForSelector(`${$('asset-storage-status')}[data-state="synced"]`);
  check(
    'assets: status follows the upload passes',
    (await p.textContent($('asset-storage-status'))) === '6 uploaded · 0 waiting · last run just now',
    await p.textContent($('asset-storage-status')),
  );
  await p.waitForSelector('[data-testid="toast"]', { state: 'detached', timeout: 8_000 });
  await p.evaluate(() =>
    document
      .querySelector('[data-testid="asset-storage-status"]')
      .closest('.settings-section')
      .scrollIntoView({ block: 'start' }),
  );
  await shoot(p, 'settings-assets');

  // Offline: calm, and it resumes.
  await p.evaluate(() => {
    window.__fakeDesktop.state.assetStorage.files = 9;
    window.__fakeDesktop.state.assetStorage.offline = true;
  });
  await p.click($('asset-storage-upload-now'));
  await p.waitForSelector(`${$('asset-storage-status')}[data-state="offline"]`);
  check(
    'assets: offline is calm',
    (await p.textContent($('asset-storage-upload-error'))) ===
      'Offline — uploads resume when the bucket is reachable' &&
      (await p.getAttribute($('asset-storage-upload-error'), 'data-code')) === 'unreachable',
  );
  check(
    'assets: waiting files counted',
    (await p.textContent($('asset-storage-status'))).startsWith('6 uploaded · 3 waiting'),
  );
  await shoot(p, 'settings-assets-offline');
  // The sidebar badge says so too, and opens Asset storage.
  await p.keyboard.press('Escape');
  await p.waitForSelector(`${$('asset-storage-badge')}[data-state="offline"]`);
  check(
    'assets: the badge says offline',
    (await p.textContent($('asset-storage-badge'))) === 'Media offline' &&
      (await p.getAttribute($('asset-storage-badge'), 'title')).startsWith('Offline — uploads resume'),
  );
  await shoot(p, 'dashboard-asset-badge');
  await p.click($('asset-storage-badge'));
  await p.waitForSelector('[data-testid="settings-panel"][data-section="asset-storage"]');
  check('assets: the badge opens Asset storage', p.url().endsWith('#/?settings=asset-storage'), p.url());
  await p.evaluate(() =>
    window.__fakeDesktop.setUploads({ uploaded: 9, pending: 0, lastRunAt: Date.now(), lastError: undefined }),
  );
  await p.waitForSelector(`${$('asset-storage-status')}[data-state="synced"]`);
  check('assets: an event clears the error', (await p.$($('asset-storage-upload-error'))) === null);

  // Editing keeps the saved secret (none sent).
  check('assets: nothing to save yet', await p.isDisabled($('asset-storage-save')));
  await p.fill($('asset-storage-prefix'), 'studio/');
  await p.click($('asset-storage-save'));
  await p.waitForSelector('[data-testid="toast"]:has-text("Asset storage saved")');
  const edited = (await calls('asset_storage_save')).at(-1).args.settings;
  check(
    'assets: edit sends no secret',
    !('secretKey' in edited) && edited.prefix === 'studio/',
    JSON.stringify(edited),
  );

  // Turn off, after a confirmation (Esc backs out).
  await p.click($('asset-storage-turn-off'));
  await p.waitForSelector('[data-testid="confirm-dialog"]');
  await p.keyboard.press('Escape');
  check(
    'assets: Esc cancels turning off',
    (await calls('asset_storage_save')).length === 2 && (await p.$('[data-testid="settings"]')) !== null,
  );
  await p.click($('asset-storage-turn-off'));
  check(
    'assets: confirmation says what stays',
    (await p.textContent('[data-testid="confirm-dialog"]')).includes(
      'Files already uploaded stay in the bucket',
    ),
  );
  await p.click('[data-testid="confirm-ok"]');
  await p.waitForSelector(`${$('asset-storage-status')}[data-state="off"]`);
  check('assets: turned off with null', (await calls('asset_storage_save')).at(-1).args.settings === null);
  check(
    'assets: back to Turn on, bucket kept in the form',
    (await p.textContent($('asset-storage-save'))) === 'Turn on' &&
      (await p.inputValue($('asset-storage-bucket'))) === 'art',
  );
  await context.close();

  // Set by environment variables: read-only, uploads still shown and started.
  const env = {
    provider: 's3',
    bucket: 'koda-team',
    region: 'eu-west-1',
    accessKey: 'AKIAENVEXAMPLE',
    secretKey: 'env-secret',
    prefix: 'koda/',
  };
  const e = await openApp(null, {
    env,
    uploads: { uploaded: 120, pending: 0, lastRunAt: Date.now() - 5 * 60_000 },
  });
  await e.page.waitForSelector(`${$('asset-storage-badge')}[data-state="synced"]`);
  check(
    'assets env: the badge shows uploads',
    (await e.page.textContent($('asset-storage-badge'))) === 'Media uploaded',
  );
  await e.page.click($('asset-storage-badge'));
  await e.page.waitForSelector($('asset-storage-env-note'));
  check(
    'assets env: bucket shown',
    (await e.page.textContent($('asset-storage-env-provider'))) === 'Amazon S3' &&
      (await e.page.textContent($('asset-storage-env-bucket'))) === 'koda-team' &&
      (await e.page.textContent($('asset-storage-env-region'))) === 'eu-west-1',
  );
  check(
    'assets env: read-only',
    (await e.page.$($('asset-storage-bucket'))) === null &&
      (await e.page.$($('asset-storage-save'))) === null &&
      (await e.page.$($('asset-storage-turn-off'))) === null,
  );
  check(
    'assets env: note names the variables',
    (await e.page.textContent($('asset-storage-env-note'))).includes('ASSET_STORAGE, S3_*'),
  );
  check(
    'assets env: status',
    (await e.page.textContent($('asset-storage-status'))) === '120 uploaded · 0 waiting · last run 5 min ago',
  );
  await e.page.evaluate(() =>
    document
      .querySelector('[data-testid="asset-storage-status"]')
      .closest('.settings-section')
      .scrollIntoView({ block: 'start' }),
  );
  await shoot(e.page, 'settings-assets-environment');
  await e.page.click($('asset-storage-upload-now'));
  await e.page.waitForFunction(() =>
    window.__fakeDesktop.state.calls.some((c) => c.cmd === 'asset_storage_upload_now'),
  );
  check('assets env: Upload now works', true);
  check(
    'assets env: secret never shown',
    !(await e.page.evaluate(() => document.body.innerText.includes('env-secret'))),
  );
  await e.context.close();
}

// Remote outputs (Koda web stores http(s) URLs): the WebView fetches nothing itself; each URL is
// mirrored once through `mirror_remote_media` and shown over koda://, failures on their node only.
async function scenarioRemoteMedia() {
  const remote = 'https://media.example.test';
  const canvas = {
    id: 'c-remote',
    name: 'Remote outputs',
    createdAt: now,
    updatedAt: now,
    revision: 1,
    viewport: { x: 40, y: 40, zoom: 0.8 },
    nodes: [
      node('ig', 'imageGenerator', 0, 0, {
        prompt: 'A tower',
        model: 'nanobanana-2',
        outputUrl: `${remote}/img/a.png`,
        outputUrls: [`${remote}/img/a.png`, `${remote}/img/b.png`],
      }),
      node('m1', 'media', 420, 0, { url: `${remote}/img/a.png`, type: 'image' }),
      node('bad', 'media', 420, 380, { url: `${remote}/page.html`, type: 'image' }),
      node('mu', 'musicGenerator', 760, 0, { prompt: 'Foghorn', outputUrl: `${remote}/audio/theme.mp3` }),
      node('vg', 'videoGenerator', 760, 320, {
        prompt: 'Dolly',
        model: 'veo-3',
        outputUrl: 'https://offline.example.test/video/clip.mp4',
      }),
    ],
    edges: [{ id: 'e1', source: 'm1', sourceHandle: 'image', target: 'ig', targetHandle: 'reference' }],
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: await canvasRulesScript() });
  await context.addInitScript({ path: fake });
  await context.addInitScript({ path: fakeGeneration });
  await context.addInitScript((c) => window.__fakeDesktop.add(c), canvas);
  const p = await context.newPage();
  const fetched = [];
  p.on('request', (request) => request.url().includes('example.test') && fetched.push(request.url()));
  p.on('pageerror', (e) => check('no page error', false, e.message));
  const mirrors = () =>
    p.evaluate(() =>
      window.__fakeDesktop.state.calls.filter((x) => x.cmd === 'mirror_remote_media').map((x) => x.args),
    );
  await p.goto(`${base}#/canvas/c-remote`);
  await p.waitForSelector('[data-testid="editor"][data-ready="true"]');
  await p.waitForSelector('.react-flow__node[data-id="bad"] [data-testid="media-error"]');
  await p.waitForTimeout(300);
  const calls = await mirrors();
  const urls = calls.map((c) => c.url).sort();
  check(
    'remote media: each URL mirrored once',
    JSON.stringify(urls) ===
      JSON.stringify([
        `${remote}/audio/theme.mp3`,
        `${remote}/img/a.png`,
        `${remote}/img/b.png`,
        `${remote}/page.html`,
        'https://offline.example.test/video/clip.mp4',
      ]),
    JSON.stringify(urls),
  );
  check(
    'remote media: asked for with the canvas and node',
    calls.every((c) => c.canvasId === 'c-remote' && typeof c.nodeId === 'string'),
  );
  const src = (selector) => p.getAttribute(selector, 'src');
  check(
    'remote media: images shown from the asset store',
    (await src('.react-flow__node[data-id="ig"] .gallery__main')).startsWith('blob:') &&
      (await src('.react-flow__node[data-id="m1"] [data-testid="node-image"]')).startsWith('blob:'),
  );
  check(
    'remote media: audio shown from the asset store',
    (await src('.react-flow__node[data-id="mu"] [data-testid="node-audio"]')).startsWith('blob:'),
  );
  const error = '.react-flow__node[data-id="bad"] [data-testid="media-error"]';
  check(
    'remote media: a web page is refused on its node, with the reason',
    (await p.getAttribute(error, 'data-code')) === 'invalid_input' &&
      (await p.textContent(error)).includes('is a web page'),
  );
  check(
    'remote media: an unreachable host is said on its node',
    (await p.getAttribute('.react-flow__node[data-id="vg"] [data-testid="media-error"]', 'data-code')) ===
      'unreachable',
  );
  check(
    'remote media: the other nodes show no error',
    (await p.$$('[data-testid="media-error"]')).length === 2,
  );
  await p.click(`${error} [data-testid="media-retry"]`);
  await p.waitForTimeout(400);
  check(
    'remote media: Retry asks again, once',
    (await mirrors()).filter((c) => c.url.endsWith('/page.html')).length === 2 &&
      (await p.$$(error)).length === 1,
  );
  check('remote media: the WebView fetched nothing itself', fetched.length === 0, JSON.stringify(fetched));
  await p.waitForTimeout(1200);
  const stored = await p.evaluate(() => window.__fakeDesktop.canvases.get('c-remote'));
  check(
    'remote media: node data keeps the original URLs',
    JSON.stringify(stored.nodes.map((n) => n.data)) === JSON.stringify(canvas.nodes.map((n) => n.data)),
  );
  await shoot(p, 'remote-media');
  await context.close();
}

const scenarios = [
  scenarioSettingsPage,
  scenarioSync,
  scenarioLiveSyncAndThumbnails,
  scenarioImportExportBackups,
  scenarioDatabase,
  scenarioOnPostgres,
  scenarioAssetStorage,
  scenarioRemoteMedia,
  ...generationScenarios({ browser, base, check, shots }),
  ...historyDesktopScenarios({ browser, base, check, shots }),
  ...recoveryScenarios({ browser, base, check, shots }),
  ...openMenuScenarios({ browser, base, check, shots }),
  ...updatesScenarios({ browser, base, check, shots }),
];
// ONLY=word runs the scenarios whose name contains it (ONLY=a,b: either).
const only = process.env.ONLY?.toLowerCase().split(',').filter(Boolean);
await run(
  only ? scenarios.filter((s) => only.some((word) => s.name.toLowerCase().includes(word))) : scenarios,
);
