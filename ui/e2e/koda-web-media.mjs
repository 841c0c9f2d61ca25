// Koda web fixtures for the browser checks: tests/fixtures/koda-web/*.json with their `REMOTE:`
// placeholders pointed at a small local media server (pictures, a clip, sounds, a web page), so
// a canvas from Koda web opens with its remote outputs without touching the network.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/koda-web/', import.meta.url));

/** A fixture as parsed JSON, remote URLs on `mediaBase`. */
export function kodaWebFixture(name, mediaBase) {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8').replaceAll('REMOTE:', mediaBase));
}

const art = (hue) =>
  [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360">',
    '<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1">',
    `<stop offset="0" stop-color="hsl(${hue} 60% 18%)"/>`,
    `<stop offset=".6" stop-color="hsl(${hue + 30} 70% 45%)"/>`,
    `<stop offset="1" stop-color="hsl(${hue + 60} 80% 70%)"/>`,
    '</linearGradient></defs>',
    '<rect width="640" height="360" fill="url(#s)"/>',
    '<path d="M300 360V150l12-30h16l12 30v210z" fill="#f4f1ea"/>',
    '<rect x="306" y="104" width="28" height="20" fill="#ffd38a"/>',
    '<path d="M334 112 640 40v150z" fill="#ffd38a" opacity=".35"/>',
    `<path d="M0 360V300q160-40 320 0t320 0v60z" fill="hsl(${hue} 50% 10%)"/>`,
    '</svg>',
  ].join('');

/** One second of a quiet tone, as a WAV file. */
function tone() {
  const rate = 8000;
  const samples = rate;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVEfmt ', 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36);
  buffer.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    buffer.writeInt16LE(Math.round(Math.sin((i / rate) * 2 * Math.PI * 220) * 3000), 44 + i * 2);
  return buffer;
}

/** A short WebM clip recorded by Chromium itself (there is no video encoder here otherwise). */
export async function recordClip(browser) {
  const page = await browser.newPage();
  try {
    const base64 = await page.evaluate(async () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 180 });
      const ctx = canvas.getContext('2d');
      const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm' });
      const chunks = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const done = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      for (let frame = 0; frame < 12; frame++) {
        ctx.fillStyle = `hsl(${200 + frame * 4} 60% ${20 + frame * 2}%)`;
        ctx.fillRect(0, 0, 320, 180);
        ctx.fillStyle = '#ffd38a';
        ctx.beginPath();
        ctx.moveTo(160, 60);
        ctx.lineTo(320, 20 + frame * 8);
        ctx.lineTo(320, 80 + frame * 8);
        ctx.fill();
        ctx.fillStyle = '#f4f1ea';
        ctx.fillRect(150, 60, 20, 120);
        await new Promise((r) => setTimeout(r, 60));
      }
      recorder.stop();
      await done;
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    });
    return Buffer.from(base64, 'base64');
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

/**
 * Serves /img/* (pictures), /video/* (the clip), /audio/* (a tone), /page.html (a web page, not
 * media). Counts requests per path so a check can tell whether the page fetched anything.
 */
export async function startMediaServer({ clip = null } = {}) {
  const requests = new Map();
  const wav = tone();
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(body);
    };
    if (path.startsWith('/img/')) return send('image/svg+xml', art(path.includes('2') ? 265 : 215));
    if (path.startsWith('/video/') && clip) return send('video/webm', clip);
    if (path.startsWith('/audio/')) return send('audio/wav', wav);
    if (path === '/page.html') return send('text/html', '<!doctype html><title>Not media</title>');
    res.writeHead(404);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
