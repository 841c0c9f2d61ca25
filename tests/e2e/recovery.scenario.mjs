// Recovery in the real app: a data folder whose database is damaged (pages overwritten) and that
// has one backup. The app opens on the recovery screen; "Restore the newest backup" puts the
// backup in place without a restart, the dashboard shows its canvas, and the damaged file is
// kept in backups/ byte for byte.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'koda-web');

export async function recoveryScenario(ctx) {
  const { test, launch, quit, screenshot, byId, cardNamed, koda } = ctx;
  const s = () => ctx.session();
  const textOf = (css) =>
    s().execute('return document.querySelector(arguments[0])?.textContent ?? ""', [css]);
  const dataDir = mkdtempSync(join(tmpdir(), 'koda-recovery-'));
  let damaged;

  await test('a damaged database opens the recovery screen, not an empty app', async () => {
    const showcase = join(fixtures, 'showcase.json');
    execFileSync(koda, ['--data-dir', dataDir, 'import', showcase], { stdio: 'pipe' });
    execFileSync(koda, ['--data-dir', dataDir, 'backup'], { stdio: 'pipe' });
    const database = join(dataDir, 'koda.db');
    damaged = readFileSync(database);
    damaged.fill(0xa5, 100, 4096);
    writeFileSync(database, damaged);

    await launch({ dataDir, waitFor: byId('recovery') });
    const title = await textOf(byId('recovery-title'));
    if (!/damaged/i.test(title)) throw new Error(`recovery title: ${title}`);
    const newest = await textOf(byId('recovery-newest'));
    if (!/koda-/.test(newest)) throw new Error(`the newest backup is not named: ${newest}`);
    await screenshot('recovery-screen');
  });

  await test('restoring the newest backup opens its canvases and keeps the damaged file', async () => {
    await s().click(byId('recovery-restore-newest'));
    await s().waitFor(byId('dashboard'), { timeout: 30000 });
    await s().waitUntil('the restored canvas on the dashboard', async () =>
      Boolean(await cardNamed('Lighthouse campaign')),
    );
    const toast = await textOf(byId('toast'));
    if (!/kept/i.test(toast)) throw new Error(`no word of the kept file: ${toast}`);
    await screenshot('recovery-restored');
    const kept = readdirSync(join(dataDir, 'backups')).filter((n) => n.startsWith('koda-before-restore-'));
    if (kept.length !== 1) throw new Error(`kept files: ${kept}`);
    const bytes = readFileSync(join(dataDir, 'backups', kept[0]));
    if (!bytes.equals(damaged)) throw new Error('the damaged file was not kept as it was');
    await quit();
  });
}
