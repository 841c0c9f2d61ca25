// What the browser checks share: Vite serving the UI, a headless Chromium, PASS/FAIL lines, and
// running the scenarios (one failing scenario is reported and the next still runs).
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

/** The Chromium the checks drive (CHROMIUM=/path overrides /usr/bin/chromium). */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });

let rulesScript;
/**
 * The canvas write rules (ui/src/storage/canvas-rules.ts, shared with the browser store) as a
 * page script defining `window.__kodaCanvasRules`, which fake-desktop.js runs its canvas commands
 * on: add it with `context.addInitScript({ content })` before fake-desktop.js.
 */
export function canvasRulesScript() {
  rulesScript ??= import('esbuild')
    .then(({ build }) =>
      build({
        entryPoints: [fileURLToPath(new URL('../src/storage/canvas-rules.ts', import.meta.url))],
        bundle: true,
        format: 'iife',
        globalName: '__kodaCanvasRules',
        // Playwright may wrap an init script in a function: make the global explicit.
        footer: { js: 'window.__kodaCanvasRules = __kodaCanvasRules;' },
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      }),
    )
    .then((result) => result.outputFiles[0].text);
  return rulesScript;
}

/** Starts Vite in `mode` (from `port` up) and Chromium; returns where the UI is, and `check`/`run`. */
export async function startHarness({ mode, port }) {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    mode,
    server: { port, strictPort: false },
    logLevel: 'error',
  });
  await server.listen();
  const browser = await launchChromium();
  let passed = 0;
  let failures = 0;
  const check = (label, ok, extra = '') => {
    console.log(ok ? 'PASS' : 'FAIL', label, ok ? '' : extra);
    if (ok) passed++;
    else failures++;
  };
  /** Runs every scenario, closes everything, prints `N passed, N failed` and exits with it. */
  const run = async (scenarios) => {
    try {
      for (const scenario of scenarios) {
        try {
          await scenario();
        } catch (error) {
          check(scenario.name, false, error.message.split('\n')[0]);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
    console.log(`${passed} passed, ${failures} failed`);
    process.exit(failures === 0 ? 0 : 1);
  };
  return { base: server.resolvedUrls.local[0], browser, check, run };
}

/**
 * A screenshot taker for `shots` (none when unset) that first lets toasts, dialogs and the
 * Settings page finish rising in (200 ms).
 */
export function settledShooter(shots) {
  return async (page, name) => {
    if (!shots) return;
    await page.waitForTimeout(350);
    await page.screenshot({ path: `${shots}/${name}.png` });
  };
}

/** The commands the fake desktop backend received, named `cmd`. */
export const fakeCalls = (page, cmd) =>
  page.evaluate((c) => window.__fakeDesktop.state.calls.filter((x) => x.cmd === c), cmd);
