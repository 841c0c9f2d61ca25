// Updates from a release server on 127.0.0.1 (the `update_server` example, a key made for the
// run): Settings finds the signed release and shows what is new, downloads it and keeps it for
// the next launch; a tampered package is refused and nothing is kept. Each test runs on its own
// data folder so no other launch installs what these keep; "Restart now" is not pressed, since
// it would install over the app under test (the IPC test installs over a copy instead).

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function updatesScenario(ctx) {
  const { test, launch, quit, screenshot, byId, updateUrl } = ctx;
  const s = () => ctx.session();
  const release = (name) => fetch(updateUrl.replace(/latest\.json$/, `use/${name}`));
  const updateState = () =>
    s().execute(`return document.querySelector('[data-testid="updates-state"]')?.dataset.state ?? null`);
  const text = (id) =>
    s().execute('return document.querySelector(arguments[0])?.textContent ?? ""', [byId(id)]);
  const openGeneral = async () => {
    await s().click(byId('open-settings'));
    await s().click(byId('settings-nav-general'));
    await s().waitFor(byId('updates-card'));
  };

  await test('Settings finds a signed update, shows what is new, and keeps it for the next launch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'koda-update-'));
    await release('signed');
    await launch({ dataDir });
    await openGeneral();
    await s().click(byId('updates-check'));
    await s().waitUntil('the update is found', async () => (await updateState()) === 'available', 30000);
    const notes = await text('updates-notes');
    if (!notes.includes('Canvases open twice as fast.')) throw new Error(`notes: ${notes}`);
    await screenshot('settings-update-available');
    await s().click(byId('updates-download'));
    await s().waitUntil('the update is ready', async () => (await updateState()) === 'ready', 30000);
    if (!existsSync(join(dataDir, 'updates', 'package'))) throw new Error('the update was not kept');
    await screenshot('settings-update-ready');
    await quit();
  });

  await test('a tampered update is refused and nothing is kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'koda-update-'));
    await release('tampered');
    await launch({ dataDir });
    await openGeneral();
    await s().click(byId('updates-check'));
    await s().waitUntil('the update is found', async () => (await updateState()) === 'available', 30000);
    await s().click(byId('updates-download'));
    await s().waitUntil('the download is refused', async () => (await updateState()) === 'failed', 30000);
    const message = await text('updates-message');
    if (!/signature/i.test(message)) throw new Error(`the refusal should name the signature: ${message}`);
    if (existsSync(join(dataDir, 'updates', 'package'))) throw new Error('a tampered package was kept');
    await screenshot('settings-update-refused');
    // Later launches find no update again.
    await release('current');
    await quit();
  });
}
