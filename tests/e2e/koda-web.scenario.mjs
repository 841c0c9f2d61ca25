// Koda web canvases in the real app: a canvas in Koda web's own format (all 13 node types, current
// and older handle ids, inline and remote outputs) imported through the CLI, opened, checked node
// by node; then the CDN goes away, the app relaunches, and every output still shows.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMediaServer } from './media-server.mjs';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'koda-web');

/** The words each node must show, read from its data as Koda web wrote it. */
function expectedWords(node) {
  const d = node.data ?? {};
  const byType = {
    text: d.content,
    imageGenerator: d.prompt,
    videoGenerator: d.prompt,
    stickyNote: d.content,
    sticker: d.emoji,
    group: d.name,
    storyboard: d.concept,
    productShot: d.productName,
    musicGenerator: d.prompt,
    speech: d.text,
    videoAudio: d.prompt,
    pluginNode: d.name,
    media: d.name,
  };
  const words = byType[node.type] ?? d.name ?? d.title;
  return typeof words === 'string' && words.trim() ? words.trim().slice(0, 24) : undefined;
}

/** Media each node must load: [selector, count]. */
const MEDIA_CHECK = `
  const node = (id) => document.querySelector('.react-flow__node[data-id="' + id + '"]');
  const images = [...document.querySelectorAll('[data-testid="node-image"]')];
  const videos = [...document.querySelectorAll('[data-testid="node-video"]')];
  const audios = [...document.querySelectorAll('[data-testid="node-audio"]')];
  return {
    imagesLoaded: images.filter((i) => i.complete && i.naturalWidth > 0).length,
    images: images.length,
    videosLoaded: videos.filter((v) => v.readyState >= 1).length,
    videos: videos.length,
    audiosLoaded: audios.filter((a) => a.readyState >= 1).length,
    audios: audios.length,
    remoteSources: [...images, ...videos, ...audios].map((m) => m.currentSrc || m.src).filter((s) => /^https?:\\/\\/127\\./.test(s)),
    mediaErrors: [...document.querySelectorAll('[data-testid="media-error"]')].map((e) => e.closest('.react-flow__node')?.dataset.id),
    notLoaded: [
      ...images.filter((i) => !(i.complete && i.naturalWidth > 0)),
      ...videos.filter((v) => v.readyState < 1),
      ...audios.filter((a) => a.readyState < 1),
    ]
      .map((m) => [m.closest('.react-flow__node')?.dataset.id, (m.currentSrc || m.src || '').slice(0, 40), m.error?.code ?? null]),
  };`;

export async function kodaWebScenario(ctx) {
  const { test, launch, quit, screenshot, byId, cardNamed, figures, koda, dataDir } = ctx;
  const server = await startMediaServer();
  const work = mkdtempSync(join(tmpdir(), 'koda-web-'));
  const raw = readFileSync(join(fixtures, 'showcase.json'), 'utf8').replaceAll('REMOTE:', server.base);
  const showcase = JSON.parse(raw);
  // An output whose link expired: the CDN answers with a web page. Only this node may complain.
  showcase.nodes.push({
    id: 'lh_media_expired',
    type: 'media',
    position: { x: 0, y: 1000 },
    data: { name: 'Expired link', type: 'image', url: `${server.base}/expired/old.png` },
  });
  const showcaseFile = join(work, 'lighthouse.json');
  writeFileSync(showcaseFile, JSON.stringify(showcase));
  const badFile = join(fixtures, 'bad-types.json');
  const bad = JSON.parse(readFileSync(badFile, 'utf8'));

  const openCanvas = async (name, nodeCount) => {
    const session = ctx.session();
    // From wherever the last step left the window: back to the dashboard first.
    await session.execute(`document.querySelector('[data-testid="settings-close"]')?.click()`);
    await session.execute(`document.querySelector('[data-testid="editor-back"]')?.click()`);
    await session.waitFor(byId('dashboard'));
    const card = await session.waitUntil(`the card "${name}"`, () => cardNamed(name));
    await session.execute('arguments[0].querySelector(".card__open").click()', [card.ref()]);
    await session.waitFor(`${byId('editor')}[data-ready="true"]`, { timeout: 30000 });
    await session.waitFor('.react-flow__node', { count: nodeCount, timeout: 30000 });
    return session;
  };
  const mediaState = () => ctx.session().execute(MEDIA_CHECK);
  /** Waits until every image, video and sound has loaded; says what did not, if not. */
  const mediaLoaded = async (what) => {
    let last;
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      last = await mediaState();
      const all = last.images >= 3 && last.videos >= 1 && last.audios >= 2;
      if (
        all &&
        last.imagesLoaded === last.images &&
        last.videosLoaded === last.videos &&
        last.audiosLoaded === last.audios
      )
        return last;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${what}: not every output loaded: ${JSON.stringify(last)}`);
  };

  await test('a Koda web canvas opens as its author made it: every type with its words, every edge, its outputs', async () => {
    execFileSync(koda, ['--data-dir', dataDir, 'canvas', 'import', showcaseFile]);
    execFileSync(koda, ['--data-dir', dataDir, 'import', badFile]);
    await launch();
    const started = Date.now();
    const session = await openCanvas(showcase.name, showcase.nodes.length);
    figures.showcaseOpenMs = Date.now() - started;
    const shown = await session.execute(
      // Words a person sees: text, and what editable fields hold.
      `return [...document.querySelectorAll('.react-flow__node')].map((n) => [n.dataset.id,
         [n.textContent, ...[...n.querySelectorAll('input, textarea')].map((f) => f.value)].join(' ')])`,
    );
    const textOf = Object.fromEntries(shown);
    const missing = [];
    for (const node of showcase.nodes) {
      const words = expectedWords(node);
      if (!(node.id in textOf)) missing.push(`${node.id} (${node.type}) is not drawn`);
      else if (words && !textOf[node.id].includes(words))
        missing.push(`${node.id} (${node.type}) does not show "${words}"`);
    }
    if (missing.length) throw new Error(missing.join('\n'));
    const types = await session.execute(
      `return [...new Set([...document.querySelectorAll('[data-testid^="node-"][data-node-id]')].map((n) => n.dataset.testid))]`,
    );
    figures.showcaseNodeKindsDrawn = types.length;
    await session.waitUntil(
      `all ${showcase.edges.length} edges are drawn`,
      async () =>
        (await session.execute(`return document.querySelectorAll('.react-flow__edge').length`)) ===
        showcase.edges.length,
    );
    const media = await mediaLoaded('online');
    if (media.remoteSources.length)
      throw new Error(`the WebView loaded remote addresses itself: ${media.remoteSources}`);
    if (JSON.stringify(media.mediaErrors) !== JSON.stringify(['lh_media_expired'])) {
      throw new Error(`only the expired link may show an error, got ${JSON.stringify(media.mediaErrors)}`);
    }
    figures.showcaseMedia = `${media.imagesLoaded} images, ${media.videosLoaded} videos, ${media.audiosLoaded} audio`;
    await screenshot('koda-web-showcase-dark');
    await session.click(byId('editor-back'));
    await session.click(byId('open-settings'));
    await session.click(byId('theme-light'));
    await session.click(byId('settings-close'));
    await openCanvas(showcase.name, showcase.nodes.length);
    await screenshot('koda-web-showcase-light');
    await session.click(byId('editor-back'));
    await session.click(byId('open-settings'));
    await session.click(byId('theme-dark'));
    await session.click(byId('settings-close'));
  });

  await test('wrong data types draw with a warning and never break the canvas', async () => {
    const session = await openCanvas(bad.name, bad.nodes.length);
    const warned = await session.execute(
      `return [...document.querySelectorAll('[data-testid="node-data-warning"]')].map((w) => w.closest('.react-flow__node')?.dataset.id)`,
    );
    const expected = bad.nodes.map((n) => n.id).filter((id) => id !== undefined);
    if (warned.length < 3)
      throw new Error(
        `expected warnings on the nodes with wrong types, got ${JSON.stringify(warned)} of ${JSON.stringify(expected)}`,
      );
    await screenshot('koda-web-bad-types');
    await session.click(byId('editor-back'));
  });

  await test('outputs seen once online still show offline after a relaunch', async () => {
    const fetched = { ...server.hits };
    await server.close();
    await quit();
    await launch();
    await openCanvas(showcase.name, showcase.nodes.length);
    const media = await mediaLoaded('offline');
    const twice = Object.entries(fetched).filter(([path, n]) => n > 1 && !path.startsWith('/expired/'));
    if (twice.length) throw new Error(`outputs were downloaded more than once: ${JSON.stringify(twice)}`);
    figures.showcaseOffline = `${media.imagesLoaded} images, ${media.videosLoaded} videos, ${media.audiosLoaded} audio`;
    await ctx.session().click(byId('editor-back'));
  });

  await test('the canvas exports back to Koda web format with its fields unchanged', async () => {
    const out = join(work, 'back.json');
    execFileSync(koda, ['--data-dir', dataDir, 'export', showcase.id, '--format', 'json', '-o', out]);
    const back = JSON.parse(readFileSync(out, 'utf8'));
    for (const field of ['description', 'category', 'tags', 'readOnly', 'koda:futureField']) {
      if (JSON.stringify(back[field]) !== JSON.stringify(showcase[field]))
        throw new Error(`${field} changed: ${JSON.stringify(back[field])}`);
    }
    for (const node of showcase.nodes) {
      // Inline media became an asset file on import (by design); everything else comes back as is.
      if (JSON.stringify(node.data).includes('"data:')) continue;
      const twin = back.nodes.find((n) => n.id === node.id);
      if (JSON.stringify(twin?.data) !== JSON.stringify(node.data))
        throw new Error(`node ${node.id} data changed`);
    }
  });
}
