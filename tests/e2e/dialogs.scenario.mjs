// The native Save and Open dialogs, answered the way a person does: real GTK dialogs in the Xvfb
// display, typed into with xdotool (WebDriver reaches only the page). Import opens files through
// the Open dialog; an export goes where the Save dialog says; the next dialog starts in the
// folder picked last; a cancelled dialog writes nothing.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './webdriver.mjs';

const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8' }).trim();

/** Waits for the dialog titled `title` and gives it the keyboard. */
async function focusDialog(title) {
  const deadline = Date.now() + 20000;
  for (;;) {
    let ids = '';
    try {
      ids = xdotool('search', '--onlyvisible', '--name', `^${title}$`);
    } catch {
      // xdotool exits 1 while no window matches.
    }
    const id = ids.split('\n').filter(Boolean).at(-1);
    if (id) {
      await sleep(700); // GTK fills the folder view and selects the name after mapping.
      xdotool('windowfocus', '--sync', id);
      return id;
    }
    if (Date.now() > deadline) throw new Error(`no “${title}” dialog appeared`);
    await sleep(200);
  }
}

/** Types into the focused dialog like a keyboard (XTEST events, not synthetic ones). */
const type = (text) => xdotool('type', '--delay', '20', text);
const key = (...keys) => xdotool('key', ...keys);

async function waitForFile(path) {
  const deadline = Date.now() + 20000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} was not written`);
    await sleep(100);
  }
}

export async function dialogsScenario(ctx) {
  const { test, launch, quit, byId, screenshotsDir } = ctx;
  // The whole display: a WebDriver screenshot shows the page only, not the dialog over it.
  const displayShot = (name) => {
    if (screenshotsDir) execFileSync('import', ['-window', 'root', join(screenshotsDir, `${name}.png`)]);
  };
  const s = () => ctx.session();
  const folder = mkdtempSync(join(tmpdir(), 'koda-dialogs-'));
  const exportsTo = mkdtempSync(join(tmpdir(), 'koda-exports-'));
  const toastTexts = () =>
    s().execute(`return [...document.querySelectorAll('[data-testid="toast"]')].map((t) => t.textContent)`);

  await test('Import opens the native Open dialog; the picked file is imported and opened', async () => {
    await launch();
    const file = join(folder, 'Lighthouse keeper.canvas');
    writeFileSync(
      file,
      JSON.stringify({
        nodes: [{ id: 'n', type: 'text', text: 'Lamp lit at dusk', x: 0, y: 0, width: 300, height: 100 }],
        edges: [],
      }),
    );
    await s().click(byId('import'));
    await focusDialog('Import into Koda');
    displayShot('open-dialog');
    // Ctrl+L: the location field, where a path can be typed.
    key('ctrl+l');
    type(file);
    key('Return');
    await s().waitFor(byId('editor'), { timeout: 20000 });
    await s().waitUntil('the picked canvas is open', async () =>
      /Lighthouse keeper/.test(
        await s().execute('return document.querySelector(arguments[0])?.textContent ?? ""', [
          byId('editor-name'),
        ]),
      ),
    );
  });

  await test('an export goes where the Save dialog says, named as typed', async () => {
    await s().click(byId('editor-export'));
    await s().click(`${byId('export-menu')} ${byId('export-koda')}`);
    await focusDialog('Export canvas');
    displayShot('save-dialog');
    key('ctrl+a');
    type(join(exportsTo, 'For the client'));
    key('Return');
    const bundle = join(exportsTo, 'For the client.koda');
    await waitForFile(bundle);
    await s().waitUntil('the toast says where it went', async () =>
      (await toastTexts()).some((t) => t.includes(`Saved to ${bundle}`)),
    );
    // A .koda bundle is a zip.
    if (readFileSync(bundle).subarray(0, 2).toString() !== 'PK') throw new Error('not a .koda bundle');
  });

  await test('the next Save dialog starts in the folder picked last', async () => {
    await s().click(byId('editor-export'));
    await s().click(`${byId('export-menu')} ${byId('export-canvas')}`);
    await focusDialog('Export canvas');
    // The suggested name, kept: Enter saves into the remembered folder.
    key('Return');
    const canvasFile = join(exportsTo, 'Lighthouse keeper.canvas');
    await waitForFile(canvasFile);
    const text = JSON.parse(readFileSync(canvasFile, 'utf8')).nodes.map((n) => n.text);
    if (!text.includes('Lamp lit at dusk')) throw new Error(`unexpected JSON Canvas: ${text}`);
  });

  await test('a cancelled Save dialog writes nothing and says nothing', async () => {
    const before = readdirSync(exportsTo).sort();
    const toasts = (await toastTexts()).length;
    await s().click(byId('editor-export'));
    await s().click(`${byId('export-menu')} ${byId('export-json')}`);
    await focusDialog('Export canvas');
    key('Escape');
    await sleep(1500);
    const after = readdirSync(exportsTo).sort();
    if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`files changed: ${after}`);
    if ((await toastTexts()).length > toasts) throw new Error(`a toast appeared: ${await toastTexts()}`);
    await s().click(byId('editor-back'));
    await s().waitFor(byId('dashboard'));
    await quit();
  });
}
