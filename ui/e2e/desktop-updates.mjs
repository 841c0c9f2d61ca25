// App updates in the desktop UI against the fake backend (fake-desktop.js: `state.update` is
// where updating stands, `state.updateRelease` what a check finds, and
// `__fakeDesktop.announceUpdate(release)` stands in for the check a few seconds after start
// finding one, on `koda://update`). Covers: the toast for an announced update, its What’s new
// opening Settings → General with the version, date and notes (plain text, line breaks kept),
// Download waiting and then saying it installs at the next start, Restart now asking the app;
// Help → Check for Updates… from the dashboard opening General and finding the release; a build
// without an update server (no buttons) and a failed check with Try again. Run by
// desktop-smoke.mjs (ONLY=update). SHOTS=/dir saves `update-toast.png` and
// `settings-updates-*.png`.
import { fileURLToPath } from 'node:url';
import { canvasRulesScript, fakeCalls, settledShooter } from './harness.mjs';

const fake = fileURLToPath(new URL('./fake-desktop.js', import.meta.url));
const DAY = 86_400_000;

const seed = [
  {
    id: 'c-story',
    name: 'Storyboard',
    createdAt: Date.now() - 5 * DAY,
    updatedAt: Date.now() - DAY,
    revision: 2,
    viewport: { x: 40, y: 60, zoom: 1 },
    nodes: [
      {
        id: 'p1',
        type: 'text',
        position: { x: 0, y: 0 },
        data: { content: 'A lighthouse in a storm' },
        width: 280,
        height: 180,
      },
    ],
    edges: [],
  },
];
const NOTES = [
  'Faster canvases: a 2,000-node canvas opens in under a second.',
  '',
  '- Groups keep their order when moved',
  '- Run all skips nodes that have not changed',
  '- <b>Tags</b> in notes are shown as written',
].join('\n');
const RELEASE = { version: '0.2.0', notes: NOTES, date: '2025-03-04T10:00:00Z' };

export function updatesScenarios({ browser, base, check, shots }) {
  const shoot = settledShooter(shots);

  /** The app on the fake backend, on the dashboard; `update` and `release` preset the fake. */
  async function openApp({ update, release } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: await canvasRulesScript() });
    await context.addInitScript({ path: fake });
    await context.addInitScript((list) => list.forEach((c) => window.__fakeDesktop.add(c)), seed);
    await context.addInitScript(
      ([preset, found]) => {
        if (preset) window.__fakeDesktop.state.update = preset;
        if (found) window.__fakeDesktop.state.updateRelease = found;
      },
      [update ?? null, release ?? null],
    );
    const page = await context.newPage();
    page.on('pageerror', (e) => check('updates: no page error', false, e.message));
    await page.goto(base);
    await page.waitForSelector('[data-testid="canvas-card"]');
    return {
      context,
      page,
      calls: (cmd) => fakeCalls(page, cmd),
      menu: (action) => page.evaluate((a) => window.__fakeDesktop.menu(a, null), action),
    };
  }
  const stateOf = (page) => page.getAttribute('[data-testid="updates-state"]', 'data-state');
  const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
  const inGeneral = async (page) =>
    (await page.getAttribute('[data-testid="settings-panel"]', 'data-section')) === 'general';

  async function scenarioUpdateAnnounced() {
    const { context, page: p, calls } = await openApp();
    check('updates: the status is read at start', (await calls('update_status')).length > 0);
    check('updates: no toast before an update is found', (await p.$$('[data-testid="toast"]')).length === 0);

    // The check at start finds 0.2.0.
    await p.evaluate((release) => window.__fakeDesktop.announceUpdate(release), RELEASE);
    const toast = await p.waitForSelector('[data-testid="toast"]:has-text("Koda 0.2.0 is available")');
    check(
      'updates: an announced update shows a toast with What’s new',
      (await toast.textContent()).startsWith('Koda 0.2.0 is available') &&
        (await p.textContent('[data-testid="update-toast-open"]')) === 'What’s new',
      await toast.textContent(),
    );
    await shoot(p, 'update-toast');

    await p.click('[data-testid="update-toast-open"]');
    await p.waitForSelector('[data-testid="updates-card"]');
    check(
      'updates: What’s new opens Settings → General',
      (await inGeneral(p)) && p.url().endsWith('#/?settings=general'),
      p.url(),
    );
    check('updates: the toast is gone', (await p.$$('[data-testid="toast"]')).length === 0);
    check(
      'updates: the card names this version and the new one',
      (await text(p, 'updates-version')) === 'Koda 0.1.0' &&
        (await stateOf(p)) === 'available' &&
        (await text(p, 'updates-state')) === 'Koda 0.2.0 is available',
      await text(p, 'updates-state'),
    );
    check(
      'updates: the published date is shown',
      (await p.textContent('[data-testid="updates-card"]')).includes('Published'),
    );
    const notes = await p.$eval('[data-testid="updates-notes"]', (e) => ({
      text: e.textContent,
      lines: e.innerText.split('\n').length,
      bold: e.querySelector('b') !== null,
    }));
    check(
      'updates: the notes are plain text, their line breaks kept',
      notes.text === NOTES && notes.lines === NOTES.split('\n').length && !notes.bold,
      JSON.stringify(notes),
    );
    const download = await p.$eval(
      '[data-testid="updates-download"]',
      (e) => e.getBoundingClientRect().bottom,
    );
    check(
      'updates: Download is in view when General opens',
      download > 0 && download < 800,
      String(download),
    );
    await shoot(p, 'settings-updates-available');

    // Download (slowed, to see it under way): the button waits, then the update is ready for
    // the next start.
    await p.evaluate(() => (window.__fakeDesktop.state.delayMs = 3000));
    await p.click('[data-testid="updates-download"]');
    check(
      'updates: Download waits and says so',
      (await text(p, 'updates-download')) === 'Downloading…' &&
        (await p.isDisabled('[data-testid="updates-download"]')),
      await text(p, 'updates-download'),
    );
    await p.waitForSelector('[data-testid="updates-progress"]');
    check(
      'updates: the download shows how much has arrived',
      /^\d+\.\d of 48\.0 MB$/.test(await text(p, 'updates-progress')) &&
        Number(await p.getAttribute('[role="progressbar"]', 'aria-valuenow')) > 0,
      await text(p, 'updates-progress'),
    );
    await shoot(p, 'settings-updates-downloading');
    await p.waitForSelector('[data-testid="updates-state"][data-state="ready"]', { timeout: 10000 });
    await p.evaluate(() => (window.__fakeDesktop.state.delayMs = 400));
    check(
      'updates: the bar goes once the update is kept',
      !(await p.isVisible('[data-testid="updates-progress"]')),
    );
    check(
      'updates: downloaded, it installs the next time Koda starts',
      (await text(p, 'updates-state')) ===
        'Koda 0.2.0 is ready. It will be installed the next time you start Koda.' &&
        (await calls('download_update')).length === 1,
      await text(p, 'updates-state'),
    );
    await shoot(p, 'settings-updates-ready');

    await p.click('[data-testid="updates-restart"]');
    await p.waitForFunction(() => window.__fakeDesktop.state.restartedToUpdate);
    check(
      'updates: Restart now asks the app to install and restart',
      (await calls('restart_to_update')).length === 1,
    );
    await context.close();
  }

  async function scenarioUpdateFromMenu() {
    const { context, page: p, calls, menu } = await openApp({ release: RELEASE });
    // Help → Check for Updates… on the dashboard.
    await menu('check-updates');
    await p.waitForSelector('[data-testid="updates-card"]');
    check(
      'updates: Check for Updates… opens Settings → General',
      (await inGeneral(p)) && p.url().endsWith('#/?settings=general'),
      p.url(),
    );
    // The wait ("Checking…") is too short to read reliably here; "Download waits and says so"
    // covers the busy button.
    await p.waitForSelector('[data-testid="updates-state"][data-state="available"]');
    check(
      'updates: the release found is shown with its notes and Download',
      (await text(p, 'updates-state')) === 'Koda 0.2.0 is available' &&
        (await text(p, 'updates-notes')) === NOTES &&
        (await p.isEnabled('[data-testid="updates-download"]')) &&
        (await calls('check_for_update')).length === 1,
    );
    check(
      'updates: a check from the menu shows no toast',
      (await p.$$('[data-testid="toast"]')).length === 0,
    );
    await context.close();
  }

  async function scenarioUpdateStates() {
    // A build made without the release workflow: it says so, and offers nothing to press.
    const dev = await openApp({ update: { state: 'notConfigured', currentVersion: '0.1.0' } });
    await dev.page.keyboard.press('Control+,');
    await dev.page.waitForSelector('[data-testid="updates-card"]');
    check(
      'updates: a build without an update server says it does not check',
      (await stateOf(dev.page)) === 'notConfigured' &&
        (await text(dev.page, 'updates-state')) === 'This build does not check for updates.' &&
        (await dev.page.$$('[data-testid="updates-card"] button')).length === 0,
    );
    await shoot(dev.page, 'settings-updates-not-configured');
    await dev.context.close();

    // Up to date: Check now finds nothing new; a failed check says why, and Try again asks again.
    const failed = {
      state: 'failed',
      currentVersion: '0.1.0',
      message: 'Could not check for updates: error sending request: connection refused',
    };
    const { context, page: p, calls } = await openApp({ update: failed });
    await p.keyboard.press('Control+,');
    await p.waitForSelector('[data-testid="updates-card"]');
    check(
      'updates: a failed check shows its message as an error',
      (await stateOf(p)) === 'failed' &&
        (await text(p, 'updates-message')) === failed.message &&
        (await text(p, 'updates-check')) === 'Try again',
      await text(p, 'updates-state'),
    );
    await shoot(p, 'settings-updates-failed');
    await p.click('[data-testid="updates-check"]');
    await p.waitForSelector('[data-testid="updates-state"][data-state="upToDate"]');
    check(
      'updates: Try again checks again: up to date, with Check now',
      (await text(p, 'updates-state')) === 'Koda is up to date.' &&
        (await text(p, 'updates-check')) === 'Check now' &&
        (await calls('check_for_update')).length === 1,
    );
    await shoot(p, 'settings-updates-up-to-date');
    await context.close();
  }

  return [scenarioUpdateAnnounced, scenarioUpdateFromMenu, scenarioUpdateStates];
}
