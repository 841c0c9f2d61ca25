// A stand-in for the CDN Koda web's outputs live on (fal's, an R2 bucket): serves real media
// files from tests/fixtures/media on 127.0.0.1, and a web page where an output went missing.
// Counts requests, so a test can prove the app fetched each file once and never again.

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const media = join(import.meta.dirname, '..', 'fixtures', 'media');

// Names as Koda web writes them; the bytes decide the type (a WebM behind `.mp4`, a WAV behind
// `.mp3`), as the app sniffs content and never trusts a name.
const ROUTES = {
  '/img/lighthouse-1.png': ['image/png', 'lighthouse-1.png'],
  '/img/lighthouse-2.png': ['image/png', 'lighthouse-2.png'],
  '/video/clip.mp4': ['video/mp4', 'clip.webm'],
  '/audio/foghorn-theme.mp3': ['audio/mpeg', 'tone.wav'],
  '/audio/keeper-voice.wav': ['audio/wav', 'tone.wav'],
};

/** Starts the server on a free port; resolves to `{ base, hits, close() }`. */
export function startMediaServer() {
  const hits = {};
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const route = ROUTES[path];
    if (route) {
      const body = readFileSync(join(media, route[1]));
      response.writeHead(200, { 'content-type': route[0], 'content-length': body.length });
      response.end(body);
    } else if (path.endsWith('.html') || path.startsWith('/expired/')) {
      // What a CDN answers for an expired link: a friendly page, with an image type.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end('<!DOCTYPE html><html><body>This link has expired</body></html>');
    } else {
      response.writeHead(404);
      response.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({
        base,
        hits,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
