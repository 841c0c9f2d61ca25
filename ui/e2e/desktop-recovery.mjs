// The recovery screen Koda Desktop shows when its database will not open, against the fake
// backend started with a failed store (`window.__fakeDesktop.failStore`, fake-desktop.js), and the
// warning it shows when damage is found while running (`koda://database-damage`). Covers: a
// damaged file (title, the file, the error folded away, the newest of two backups named and
// focused, Tab order, Choose a backup, the start-empty confirmation, a refused restore shown
// inline, then a restore: the app starts again on the fixture canvases with a toast naming where
// the damaged file was kept), a fresh start without backups (Enter in the confirmation, the empty
// dashboard), a database from a newer Koda (warning, Open data folder first and by Enter,
// restoring asks) and the damage toast (stays, Open Backups opens Settings). Run by
// desktop-smoke.mjs (ONLY=recovery). SHOTS=/dir saves `recovery-*.png` and `database-damage.png`.
import { fileURLToPath } from 'node:url';
import { canvasRulesScript, fakeCalls, settledShooter } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const fakeGeneration = fileURLToPath(new URL('./fake-generation.js', import.meta.url));
const fakeHistory = fileURLToPath(new URL('./fake-history.js', import.meta.url));
const DATA_DIR = '/home/you/.local/share/koda';
const DAY = 86_400_000;

const canvas = (id, name, ago, content) => ({
  id,
  name,
  createdAt: Date.now() - 10 * DAY,
  updatedAt: Date.now() - ago,
  revision: 2,
  viewport: { x: 0, y: 0, zoom: 1 },
  nodes: [{ id: 'p1', type: 'text', position: { x: 0, y: 0 }, data: { content }, width: 280, height: 180 }],
  edges: [],
});
// What the backups hold: the canvases the dashboard shows after a restore.
const fixtures = [
  canvas('c-harbour', 'Harbour at dawn', 2 * DAY, 'Fishing boats leaving at first light'),
  canvas('c-ferry', 'Night ferry', 3 * DAY, 'The ferry crossing in fog'),
];
const CORRUPT = {
  code: 'corrupt_database',
  message: 'the database file is damaged or is not a Koda database: database disk image is malformed',
};
const TOO_NEW = {
  code: 'database_too_new',
  message:
    'this database was written by a newer version of Koda (schema version 9; this version understands ' +
    'up to 3). Update Koda to open it; the file was left untouched',
};

export function recoveryScenarios({ browser, base, check, shots }) {
  const shoot = settledShooter(shots);

  /** The app on the fake backend; `failure` starts it with the store failed to open. */
  async function openApp({ failure, backups } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: await canvasRulesScript() });
    await context.addInitScript({ path: fake });
    await context.addInitScript({ path: fakeGeneration });
    await context.addInitScript({ path: fakeHistory });
    await context.addInitScript((list) => list.forEach((c) => window.__fakeDesktop.add(c)), fixtures);
    if (failure)
      await context.addInitScript((args) => window.__fakeDesktop.failStore(args.failure, args), {
        failure,
        backups,
      });
    const page = await context.newPage();
    page.on('pageerror', (e) => check('recovery: no page error', false, e.message));
    await page.goto(base);
    await page.waitForSelector(failure ? '[data-testid="recovery"]' : '[data-testid="canvas-card"]');
    return {
      context,
      page,
      calls: (cmd) => fakeCalls(page, cmd),
    };
  }
  const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? null);
  const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

  async function scenarioRecoveryDamagedFile() {
    const { context, page: p, calls } = await openApp({ failure: CORRUPT });
    check(
      'recovery: a damaged file is said plainly',
      (await text(p, 'recovery-title')) === 'Your database file is damaged' &&
        (await p.getAttribute('[data-testid="recovery"]', 'data-code')) === 'corrupt_database',
    );
    check('recovery: the database path is shown', (await text(p, 'recovery-path')) === `${DATA_DIR}/koda.db`);
    check(
      'recovery: the path can be selected',
      (await p.$eval('[data-testid="recovery-path"]', (e) => getComputedStyle(e).userSelect)) === 'text',
    );
    check(
      'recovery: focus is on Restore the newest backup',
      (await focused(p)) === 'recovery-restore-newest',
    );
    await shoot(p, 'recovery-corrupt');

    // Everything by Tab, in reading order.
    const order = [];
    for (let i = 0; i < 5; i++) {
      await p.keyboard.press('Tab');
      order.push(await focused(p));
    }
    check(
      'recovery: Tab reaches every action',
      JSON.stringify(order) ===
        JSON.stringify([
          'recovery-choose',
          'recovery-start-empty',
          'recovery-open-data-folder',
          'recovery-open-logs',
          'recovery-retry',
        ]),
      JSON.stringify(order),
    );
    // Back past the primary action: Details, before the actions.
    for (let i = 0; i < 6; i++) await p.keyboard.press('Shift+Tab');
    check(
      'recovery: Details is reachable by keyboard',
      (await p.evaluate(() => document.activeElement?.tagName)) === 'SUMMARY',
    );
    check(
      'recovery: the original error is folded away in Details',
      !(await p.isVisible('[data-testid="recovery-message"]')),
    );
    await p.keyboard.press('Enter');
    check(
      'recovery: Details shows the original message',
      (await text(p, 'recovery-message')) === CORRUPT.message,
    );
    const newest = await p.getAttribute('[data-testid="recovery-newest"]', 'data-name');
    const newestText = await text(p, 'recovery-newest');
    check(
      'recovery: the newest of the two backups is named, with its date and size',
      newest === 'koda-2025-01-12.db' && newestText.includes('2.6 MB') && newestText.includes('yesterday'),
      newestText,
    );
    check(
      'recovery: the damaged file is kept, never deleted',
      (await text(p, 'recovery-kept')).includes(`never deletes the damaged file`) &&
        (await text(p, 'recovery-kept')).includes(`${DATA_DIR}/backups`),
    );
    await shoot(p, 'recovery-corrupt-details');

    // Choose a backup: both, newest first, each with date and size.
    await p.click('[data-testid="recovery-choose"]');
    await p.waitForSelector('[data-testid="recovery-chooser"]');
    const items = await p.$$eval('[data-testid="recovery-backup"]', (els) =>
      els.map((e) => ({ name: e.dataset.name, text: e.textContent })),
    );
    check(
      'recovery: Choose a backup lists both, newest first, with date and size',
      items.length === 2 &&
        items[0].name === 'koda-2025-01-12.db' &&
        items[0].text.includes('Newest') &&
        items[1].name === 'koda-2025-01-10.db' &&
        items[1].text.includes('2.4 MB') &&
        items[1].text.includes('3 days ago'),
      JSON.stringify(items),
    );
    await p.keyboard.press('ArrowDown');
    check(
      'recovery: arrow keys choose another backup',
      await p.isChecked('[data-testid="recovery-backup"][data-name="koda-2025-01-10.db"] input'),
    );
    await shoot(p, 'recovery-choose');
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="recovery-chooser"]', { state: 'detached' });

    // Start empty asks first, saying the file is kept and where.
    await p.click('[data-testid="recovery-start-empty"]');
    await p.waitForSelector('[data-testid="confirm-dialog"]');
    const confirm = await text(p, 'confirm-dialog');
    check(
      'recovery: start empty asks, saying the file is kept and where',
      confirm.includes(`Koda moves koda.db to ${DATA_DIR}/backups`) && confirm.includes('kept, not deleted'),
      confirm,
    );
    check('recovery: the confirm button has focus', (await focused(p)) === 'confirm-ok');
    await shoot(p, 'recovery-start-empty');
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="confirm-dialog"]', { state: 'detached' });
    check('recovery: Esc starts nothing', (await calls('recovery_start_empty')).length === 0);

    // A refused restore: shown inline, busy while it ran, nothing else changed.
    await p.evaluate(() => {
      window.__fakeDesktop.state.refuseRecovery = {
        code: 'disk_full',
        message: 'the disk is full; nothing was written',
      };
    });
    await p.click('[data-testid="recovery-restore-newest"]');
    await p.waitForSelector('[data-testid="recovery"][aria-busy="true"]');
    check(
      'recovery: busy while restoring, every action held',
      (await text(p, 'recovery-restore-newest')).includes('Restoring koda-2025-01-12.db…') &&
        (await p.isDisabled('[data-testid="recovery-start-empty"]')) &&
        (await p.isDisabled('[data-testid="recovery-retry"]')),
    );
    await p.waitForSelector('[data-testid="recovery-error"]');
    check(
      'recovery: a refused restore is shown inline with its code',
      (await p.getAttribute('[data-testid="recovery-error"]', 'data-code')) === 'disk_full' &&
        (await text(p, 'recovery-error')).includes('The disk is full'),
    );
    check(
      'recovery: … and nothing else changed',
      (await text(p, 'recovery-title')) === 'Your database file is damaged' &&
        !(await p.isDisabled('[data-testid="recovery-restore-newest"]')),
    );
    check(
      'recovery: the newest backup is asked for by name',
      (await calls('recovery_restore_backup')).at(-1)?.args?.name === 'koda-2025-01-12.db',
    );
    await shoot(p, 'recovery-error');

    // Restore for real: the app starts again on the backup's canvases.
    await p.click('[data-testid="recovery-restore-newest"]');
    await p.waitForSelector('[data-testid="canvas-card"]', { timeout: 10_000 });
    const names = await p.$$eval('[data-testid="canvas-card-name"]', (els) => els.map((e) => e.textContent));
    check(
      'recovery: after a restore the dashboard shows the fixture canvases',
      names.length === 2 && names.includes('Harbour at dawn') && names.includes('Night ferry'),
      JSON.stringify(names),
    );
    const recovered = await p.evaluate(() => window.__fakeDesktop.state.recovered);
    await p.waitForSelector('[data-testid="toast"]:has-text("was kept as")');
    const toast = await p.textContent('[data-testid="toast"]:has-text("was kept as")');
    check(
      'recovery: a toast names the backup and where the damaged file was kept',
      toast.includes('Restored the backup koda-2025-01-12.db') &&
        toast.includes(`The damaged file was kept as ${recovered.keptAs}`) &&
        recovered.keptAs.startsWith(`${DATA_DIR}/backups/`),
      toast,
    );
    check('recovery: no recovery screen after the restore', (await p.$('[data-testid="recovery"]')) === null);
    await shoot(p, 'recovery-restored');
    await p.click('[data-testid="recovery-notice-open-folder"]');
    await p.waitForTimeout(100);
    check('recovery: the toast opens the data folder', (await calls('open_data_folder')).length === 1);
    await context.close();
  }

  async function scenarioRecoveryStartEmpty() {
    const { context, page: p } = await openApp({ failure: CORRUPT, backups: [] });
    check(
      'recovery (no backups): restoring is disabled, with the reason',
      (await p.isDisabled('[data-testid="recovery-restore-newest"]')) &&
        (await p.isDisabled('[data-testid="recovery-choose"]')) &&
        (await text(p, 'recovery-no-backups')).includes('There are no backups yet'),
    );
    check('recovery (no backups): focus is on starting empty', (await focused(p)) === 'recovery-start-empty');
    await shoot(p, 'recovery-no-backups');
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid="confirm-dialog"]');
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid="empty-canvases"]', { timeout: 10_000 });
    check('recovery (no backups): Enter, Enter: an empty dashboard', true);
    await p.waitForSelector('[data-testid="toast"]:has-text("was kept as")');
    check(
      'recovery (no backups): the toast says where the damaged file was kept',
      (await p.textContent('[data-testid="toast"]:has-text("was kept as")')).startsWith(
        'Started with an empty database. The damaged file was kept as /home/you/.local/share/koda/backups/',
      ),
    );
    await context.close();
  }

  async function scenarioRecoveryTooNew() {
    const { context, page: p, calls } = await openApp({ failure: TOO_NEW });
    check(
      'recovery (newer): the title says a newer Koda saved it',
      (await text(p, 'recovery-title')) === 'This database was saved by a newer Koda',
    );
    check(
      'recovery (newer): restoring an older backup is said to lose newer work',
      (await text(p, 'recovery-warning')).includes('loses the work saved since that backup'),
    );
    check(
      'recovery (newer): Open data folder comes first, focused',
      (await focused(p)) === 'recovery-open-data-folder',
    );
    await shoot(p, 'recovery-too-new');
    await p.keyboard.press('Enter');
    await p.waitForTimeout(100);
    check('recovery (newer): Enter opens the data folder', (await calls('open_data_folder')).length === 1);
    await p.click('[data-testid="recovery-restore-newest"]');
    await p.waitForSelector('[data-testid="confirm-dialog"]');
    check(
      'recovery (newer): restoring asks first',
      (await text(p, 'confirm-dialog')).includes('Work saved after that is not in it'),
    );
    await shoot(p, 'recovery-too-new-confirm');
    await p.keyboard.press('Escape');
    await p.waitForSelector('[data-testid="confirm-dialog"]', { state: 'detached' });
    check('recovery (newer): Esc restores nothing', (await calls('recovery_restore_backup')).length === 0);
    await context.close();
  }

  async function scenarioRecoveryDamageWarning() {
    const { context, page: p } = await openApp();
    await p.evaluate(() =>
      window.__fakeDesktop.emit('koda://database-damage', {
        code: 'corrupt_database',
        message: 'quick_check: row 12 missing from index canvases_by_updated',
      }),
    );
    const toast = '[data-testid="toast"]:has([data-testid="damage-open-backups"])';
    await p.waitForSelector(toast);
    check(
      'damage: a toast says what was found and what to do',
      (await p.textContent(toast)).includes(
        'Koda found damage in your database file. Your canvases still open, but back up now and restore from a backup soon.',
      ),
    );
    await shoot(p, 'database-damage');
    await p.waitForTimeout(4500);
    check('damage: the toast stays', (await p.$(toast)) !== null);
    await p.click('[data-testid="damage-open-backups"]');
    await p.waitForSelector('[data-testid="settings"]');
    check(
      'damage: Open Backups opens Settings at Backups',
      (await p.evaluate(() => window.location.hash)).includes('backups'),
      await p.evaluate(() => window.location.hash),
    );
    await context.close();
  }

  return [
    scenarioRecoveryDamagedFile,
    scenarioRecoveryStartEmpty,
    scenarioRecoveryTooNew,
    scenarioRecoveryDamageWarning,
  ];
}
