// Version history and search in the real app: a Koda web canvas (the showcase fixture, under its
// own id, last edited days ago) imported through the CLI and opened; a node's text edited; the
// version from before the edit previewed in History and that one node restored; then Ctrl+K finds a
// word of another node and lands on it, selected and in view.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keys, sleep } from './webdriver.mjs';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'koda-web');
const CANVAS_ID = 'history-lighthouse';
const CANVAS_NAME = 'Lighthouse history';
const TEXT_NODE = 'lh_text_brief';
const FOUND_NODE = 'lh_img_portrait';
/** A word only the keeper portrait's prompt holds. */
const WORD = 'oilskin';

/** Presses `key` with a modifier held (WebDriver actions; `Session.keys` types plain characters). */
function chord(session, modifier, key) {
  return session.cmd('POST', '/actions', {
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value: modifier },
          { type: 'keyDown', value: key },
          { type: 'keyUp', value: key },
          { type: 'keyUp', value: modifier },
        ],
      },
    ],
  });
}

export async function historyScenario(ctx) {
  const { test, launch, screenshot, byId, cardNamed, figures, koda, dataDir } = ctx;
  const s = () => ctx.session();
  const words = `.react-flow__node[data-id="${TEXT_NODE}"] [data-testid="node-words"]`;
  const textValue = () => s().execute(`return document.querySelector(arguments[0])?.value ?? null`, [words]);

  const work = mkdtempSync(join(tmpdir(), 'koda-history-'));
  const showcase = JSON.parse(readFileSync(join(fixtures, 'showcase.json'), 'utf8'));
  // Remote outputs are not what this checks: they point nowhere (each node says so on itself).
  const raw = JSON.stringify({ ...showcase, id: CANVAS_ID, name: CANVAS_NAME }).replaceAll(
    'REMOTE:',
    'http://127.0.0.1:9',
  );
  const copy = JSON.parse(raw);
  // Last edited days ago: the state before the next edit has long settled.
  copy.createdAt = Date.now() - 10 * 86_400_000;
  copy.updatedAt = Date.now() - 3 * 86_400_000;
  const file = join(work, 'history.json');
  writeFileSync(file, JSON.stringify(copy));
  const original = copy.nodes.find((n) => n.id === TEXT_NODE).data.content;
  const edited = 'A harbour at noon, no fog at all';

  await test('version history: a node edited, its earlier version previewed, that node restored', async () => {
    execFileSync(koda, ['--data-dir', dataDir, 'canvas', 'import', file]);
    await launch();
    const session = s();
    const card = await session.waitUntil(`the card "${CANVAS_NAME}"`, () => cardNamed(CANVAS_NAME));
    await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
    await session.waitFor(`${byId('editor')}[data-ready="true"]`, { timeout: 30000 });
    if ((await textValue()) !== original) throw new Error(`the brief should say "${original}"`);

    // Edit the brief: select its words and type new ones.
    await session.click(words);
    await chord(session, Keys.CONTROL, 'a');
    await session.keys(edited);
    await session.waitUntil('the edit is saved', async () => {
      const state = await session.execute(
        `return document.querySelector('[data-testid="save-status"]')?.dataset.state ?? null`,
      );
      return state === 'saved' && (await textValue()) === edited;
    });

    // History lists the version from before the edit; preview each until the old words show.
    await session.click(byId('versions-open'));
    await session.waitFor(byId('versions-panel'));
    const items = await session.waitFor(byId('version-item'), { timeout: 20000 });
    figures.versionsAfterOneEdit = items.length;
    let found = false;
    for (const item of items) {
      await item.click();
      await session.waitFor(byId('version-banner'));
      try {
        await session.waitUntil('the version shows', async () => (await textValue()) === original, 3000);
        found = true;
        break;
      } catch {
        // another version; try the next one
      }
    }
    if (!found) throw new Error('no version shows the brief as it was before the edit');

    // Select the node in the preview, restore it alone.
    await session.click(`.react-flow__node[data-id="${TEXT_NODE}"]`);
    await session.waitUntil(
      'Restore selected node is enabled',
      async () =>
        !(await session.execute(
          `return document.querySelector('[data-testid="version-restore-node"]')?.disabled ?? true`,
        )),
    );
    await screenshot('history-preview');
    await session.click(byId('version-restore-node'));
    await session.waitUntil(
      'the banner goes',
      async () => (await session.findAll(byId('version-banner'))).length === 0,
    );
    await session.waitUntil('the brief is back as it was', async () => (await textValue()) === original);
    await session.waitUntil('the restore is saved', async () => {
      const state = await session.execute(
        `return document.querySelector('[data-testid="save-status"]')?.dataset.state ?? null`,
      );
      return state === 'saved';
    });
    await sleep(500);
    await screenshot('history-restored');
    // A relaunch shows the restored words: they are in storage, not only on screen.
    await launch();
    const again = await s().waitUntil(`the card "${CANVAS_NAME}"`, () => cardNamed(CANVAS_NAME));
    await s().execute('arguments[0].querySelector(".card__open").click()', [again.ref()]);
    await s().waitFor(`${byId('editor')}[data-ready="true"]`, { timeout: 30000 });
    if ((await textValue()) !== original)
      throw new Error('the restored words were not kept after a relaunch');
  });

  await test('search: Ctrl+K finds a word of another node and lands on it, selected and in view', async () => {
    const session = s();
    await chord(session, Keys.CONTROL, 'k');
    await session.waitFor(byId('search-input'));
    await session.keys(WORD);
    const hit = `${byId('search-result')}[data-canvas-id="${CANVAS_ID}"][data-node-id="${FOUND_NODE}"]`;
    await session.waitFor(hit, { timeout: 10000 });
    await screenshot('history-search');
    await session.click(hit);
    await session.waitUntil(
      'the palette closes',
      async () => (await session.findAll(byId('search-palette'))).length === 0,
    );
    const where = `.react-flow__node[data-id="${FOUND_NODE}"]`;
    await session.waitFor(`${where}.selected`, { timeout: 10000 });
    await sleep(800); // the view glides to the node
    const inView = await session.execute(
      `const r = document.querySelector(arguments[0]).getBoundingClientRect();
       const pane = document.querySelector('.react-flow').getBoundingClientRect();
       return r.left >= pane.left && r.top >= pane.top && r.right <= pane.right && r.bottom <= pane.bottom;`,
      [where],
    );
    if (!inView) throw new Error('the found node is not in view');
    const canvas = await session.execute(
      `return document.querySelector('[data-testid="editor"]')?.dataset.canvasId ?? null`,
    );
    if (canvas !== CANVAS_ID) throw new Error(`landed on canvas ${canvas}`);
    await screenshot('history-search-landed');
    await session.click(byId('editor-back'));
    await session.waitFor(byId('dashboard'));
  });
}
