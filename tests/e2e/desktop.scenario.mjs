// A desktop app that behaves like one: a .canvas file given at launch (a double-click) opens in
// Koda; a second launch on the same data folder hands its file to the running window and exits;
// the window's size is kept across launches.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JSON Canvas 1.0 file with one text node. */
function jsonCanvas(words) {
  return JSON.stringify({
    nodes: [{ id: 'note', type: 'text', text: words, x: 0, y: 0, width: 320, height: 120 }],
    edges: [],
  });
}

/** The words of every node, typed into a field or not. */
const NODE_TEXT = `return [...document.querySelectorAll('.react-flow__node')]
  .map((n) => n.textContent + ' ' + [...n.querySelectorAll('textarea, input')].map((i) => i.value).join(' '))
  .join(' ')`;

export async function desktopScenario(ctx) {
  const { test, launch, quit, screenshot, byId, app, dataDir } = ctx;
  const s = () => ctx.session();
  const files = mkdtempSync(join(tmpdir(), 'koda-open-'));
  const editorName = () =>
    s().execute('return document.querySelector(arguments[0])?.textContent ?? ""', [byId('editor-name')]);

  await test('a .canvas file given at launch is imported and opened', async () => {
    const file = join(files, 'Harbour plan.canvas');
    writeFileSync(file, jsonCanvas('Moorings for the autumn regatta'));
    await launch({ args: [file], waitFor: byId('editor') });
    await s().waitUntil('the opened canvas is named after its file', async () =>
      /Harbour plan/.test(await editorName()),
    );
    await s().waitUntil('the node text is drawn', async () =>
      (await s().execute(NODE_TEXT)).includes('Moorings for the autumn regatta'),
    );
    await screenshot('opened-file');
  });

  await test('a second launch hands its file to the running window and exits', async () => {
    await s().click(byId('editor-back'));
    await s().waitFor(byId('dashboard'));
    const file = join(files, 'Second thoughts.canvas');
    writeFileSync(file, jsonCanvas('Handed over by a second launch'));
    const started = Date.now();
    const exit = await new Promise((resolve) => {
      execFile(app, ['--data-dir', dataDir, file], { timeout: 20000 }, (error) =>
        resolve(error ? (error.code ?? error.signal ?? 'error') : 0),
      );
    });
    if (exit !== 0) throw new Error(`the second launch did not hand over and exit cleanly: ${exit}`);
    ctx.figures.secondLaunchHandOverMs = Date.now() - started;
    await s().waitFor(byId('editor'), { timeout: 20000 });
    await s().waitUntil('the handed-over canvas is open', async () =>
      /Second thoughts/.test(await editorName()),
    );
    await screenshot('second-launch-handed-over');
  });

  await test('the window keeps its size across launches', async () => {
    await s().cmd('POST', '/window/rect', { width: 1100, height: 700 });
    const set = await s().cmd('GET', '/window/rect');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the app writes the size once it settles
    await quit();
    await launch();
    const kept = await s().cmd('GET', '/window/rect');
    // Put the size the other screenshots expect back before checking.
    await s().cmd('POST', '/window/rect', { width: 1280, height: 800 });
    if (kept.width !== set.width || kept.height !== set.height) {
      throw new Error(`set ${set.width}×${set.height}, relaunched at ${kept.width}×${kept.height}`);
    }
    await quit();
  });
}
