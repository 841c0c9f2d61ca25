// Measures Koda beside an empty Tauri 2 app in the real WebKit window (run by tests/perf/run.sh
// inside Xvfb, with tauri-driver on :4444) and prints one table:
//   memory   PSS of the app process and every WebKit process it started (proportional set size:
//            shared libraries counted once across them), after 3 s of quiet;
//   start    from the process's start (the kernel's clock) to the first frame of the dashboard
//            (Koda's `koda:dashboard-ready` mark) or of the page (the empty app's load event);
//   open     from the click on a canvas card to the first painted frame with its nodes
//            (`data-ready`), for 2,000 and 10,000 nodes;
//   frames   requestAnimationFrame intervals while the 10,000-node canvas is panned and zoomed
//            by wheel events (one per frame, for 4 s).
// Koda paints on the CPU where there is no GPU (src-tauri/src/webview_tuning.rs), so the empty
// app is also measured that way, as a second floor: first, alone, through a tauri-driver whose
// WebKit has WEBKIT_DISABLE_COMPOSITING_MODE=1 (`--floor-only FILE` writes it), then read by the
// main run (`--cpu-floor FILE`). Apart, because PSS shares pages among whatever runs at once.
// usage: node tests/perf/measure.mjs --empty APP --driver URL --floor-only FILE
//        node tests/perf/measure.mjs --koda APP --empty APP --data DIR --big2k ID --big10k ID
//                                    [--cpu-floor FILE]

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Session, sleep } from '../e2e/webdriver.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const driver = args.driver ?? 'http://127.0.0.1:4444';
const RUNS = Number(process.env.PERF_RUNS || 3);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processes() {
  const list = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      list.set(Number(pid), {
        ppid: Number(fields[1]),
        startTicks: Number(fields[19]),
        cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0],
      });
    } catch {
      // ended while we looked
    }
  }
  return list;
}

/** The app's process and every process below it (WebKit's web and network processes). */
function appTree(binary) {
  const list = processes();
  const root = [...list].find(([, p]) => p.cmd === binary)?.[0];
  if (!root) throw new Error(`${binary} is not running`);
  const tree = [...list]
    .filter(([pid]) => {
      for (let p = pid, hops = 0; p > 1 && hops < 12; p = list.get(p)?.ppid ?? 0, hops++)
        if (p === root) return true;
      return false;
    })
    .map(([pid]) => pid);
  return { root: list.get(root), pids: tree };
}

function pssMb(binary) {
  let kb = 0;
  for (const pid of appTree(binary).pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended while we looked
    }
  }
  return kb / 1024;
}

/** How the app's WebKit paints: its web process inherits the switch Koda sets (or not). */
function paintingOf(binary) {
  const list = processes();
  const cpu = appTree(binary).pids.some((pid) => {
    if (!list.get(pid)?.cmd.includes('WebKitWebProcess')) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .includes('WEBKIT_DISABLE_COMPOSITING_MODE=1');
    } catch {
      return false;
    }
  });
  return cpu
    ? 'on the CPU (WebKit without its GL compositor: no GPU here)'
    : "through WebKit's GL compositor";
}

/** Milliseconds from the app's process start to a moment the page names (ms before now). */
async function sinceProcessStart(session, binary, msAgoScript) {
  const { root } = appTree(binary);
  const msAgo = await session.execute(msAgoScript);
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return (uptime - root.startTicks / TICKS_PER_SECOND) * 1000 - msAgo;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Launches `binary` RUNS times: each time, start-up until the page says it is ready
 * (`readyScript` true; `readyAgoScript`: how many ms ago that was), then PSS after 3 s idle.
 * The median start and the highest memory.
 */
async function coldStarts(binary, launchArgs, readyScript, readyAgoScript) {
  const starts = [];
  let memory = 0;
  for (let run = 0; run < RUNS; run++) {
    const session = await Session.start(driver, binary, launchArgs);
    await session.waitUntil('the first frame is ready', () => session.execute(readyScript), 30000);
    starts.push(await sinceProcessStart(session, binary, readyAgoScript));
    await sleep(3000);
    memory = Math.max(memory, pssMb(binary));
    await session.end();
    await sleep(1500);
  }
  return { start: median(starts), memory };
}

const measureEmpty = () =>
  coldStarts(
    args.empty,
    [],
    'return document.readyState === "complete" && !!document.getElementById("ready")',
    'return Date.now() - (performance.timeOrigin + performance.getEntriesByType("navigation")[0].loadEventEnd)',
  );

async function openCanvas(session, id) {
  const [ms] = await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     const card = document.querySelector('[data-canvas-id="' + arguments[0] + '"] .card__open');
     const start = performance.now();
     card.click();
     const tick = () => {
       if (document.querySelector('[data-testid=editor][data-ready=true]')) done([performance.now() - start]);
       else if (performance.now() - start > 120000) done([-1]);
       else requestAnimationFrame(tick);
     };
     tick();`,
    [id],
  );
  if (ms < 0) throw new Error(`canvas ${id} did not draw in 120 s`);
  return ms;
}

/** Pans and zooms with one wheel event per frame for 4 s; frame intervals from rAF. */
function panAndZoom(session) {
  return session.executeAsync(
    `const done = arguments[arguments.length - 1];
     const pane = document.querySelector('.react-flow__pane') ?? document.querySelector('.react-flow');
     const box = pane.getBoundingClientRect();
     const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true };
     const intervals = [];
     const start = performance.now();
     let last = start;
     let i = 0;
     const frame = (now) => {
       intervals.push(now - last);
       last = now;
       const zoom = i % 60 >= 30;
       const sign = i % 120 < 60 ? 1 : -1;
       pane.dispatchEvent(new WheelEvent('wheel', zoom
         ? { ...at, deltaY: 8 * sign, ctrlKey: true }
         : { ...at, deltaX: 24 * sign, deltaY: 12 * sign }));
       i++;
       if (now - start < 4000) requestAnimationFrame(frame);
       else done(intervals.slice(1));
     };
     requestAnimationFrame((t) => { last = t; requestAnimationFrame(frame); });`,
  );
}

async function measureKoda() {
  const dashboard = await coldStarts(
    args.koda,
    ['--data-dir', args.data],
    'return performance.getEntriesByName("koda:dashboard-ready").length > 0',
    'return Date.now() - (performance.timeOrigin + performance.getEntriesByName("koda:dashboard-ready")[0].startTime)',
  );
  const results = { start: dashboard.start, idle: dashboard.memory };
  for (const [label, id] of [
    ['2k', args.big2k],
    ['10k', args.big10k],
  ]) {
    const opens = [];
    let memory = 0;
    let frames = null;
    for (let run = 0; run < RUNS; run++) {
      const session = await Session.start(driver, args.koda, ['--data-dir', args.data]);
      await session.cmd('POST', '/timeouts', { script: 180000 });
      await session.waitFor(`[data-canvas-id="${id}"]`, { timeout: 30000 });
      await sleep(500);
      opens.push(await openCanvas(session, id));
      await sleep(3000);
      memory = Math.max(memory, pssMb(args.koda));
      results.painting ??= paintingOf(args.koda);
      if (label === '10k' && run === 0) frames = await panAndZoom(session);
      await session.end();
      await sleep(1500);
    }
    results[label] = { open: median(opens), memory };
    if (frames) results.frames = frames;
  }
  return results;
}

if (args['floor-only']) {
  writeFileSync(args['floor-only'], JSON.stringify(await measureEmpty()));
  process.exit(0);
}
const empty = await measureEmpty();
const emptyOnCpu = args['cpu-floor'] ? JSON.parse(readFileSync(args['cpu-floor'], 'utf8')) : null;
const koda = await measureKoda();
const frames = koda.frames ?? [];
const fps = frames.length ? 1000 / (frames.reduce((a, b) => a + b, 0) / frames.length) : 0;
const p95 = frames.length ? [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)] : 0;

const ratio = (mb, floor = empty.memory) => `${(mb / floor).toFixed(2)}×`;
const onCpu = (mb) => (emptyOnCpu ? ratio(mb, emptyOnCpu.memory) : '');
const row = (what, value, vsEmpty, vsCpu, target) => [what, value, vsEmpty, vsCpu, target];
const memoryRow = (what, mb, target) => row(what, `${mb.toFixed(0)} MB`, ratio(mb), onCpu(mb), target);
const rows = [
  row('Empty Tauri 2 app, idle (PSS)', `${empty.memory.toFixed(0)} MB`, '1.00×', onCpu(empty.memory), ''),
  ...(emptyOnCpu
    ? [memoryRow('Empty Tauri 2 app painting on the CPU, idle (PSS)', emptyOnCpu.memory, '')]
    : []),
  memoryRow('Koda idle on the dashboard (PSS)', koda.idle, '≤ 1.15×'),
  memoryRow('Koda with a 2,000-node canvas open (PSS)', koda['2k'].memory, '≤ 1.5×'),
  memoryRow('Koda with a 10,000-node canvas open (PSS)', koda['10k'].memory, '≤ 2.0×'),
  row('Cold start, empty app (process → page loaded)', `${empty.start.toFixed(0)} ms`, '', '', ''),
  row('Cold start, Koda (process → dashboard drawn)', `${koda.start.toFixed(0)} ms`, '', '', '≤ 800 ms'),
  row('Open and draw 2,000 nodes', `${koda['2k'].open.toFixed(0)} ms`, '', '', '≤ 500 ms'),
  row('Open and draw 10,000 nodes', `${koda['10k'].open.toFixed(0)} ms`, '', '', '≤ 1,000 ms'),
  row('Pan and zoom 10,000 nodes (mean fps)', `${fps.toFixed(1)} fps`, '', '', '≥ 30 fps'),
  row('Pan and zoom 10,000 nodes (95th pct frame)', `${p95.toFixed(1)} ms`, '', '', ''),
];
const header = ['What', 'Measured', 'vs empty', 'vs empty on CPU', 'Target'];
const widths = header.map((title, i) => Math.max(...rows.map((r) => r[i].length), title.length));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(
  `\nKoda beside an empty Tauri 2 app (release builds, WebKitGTK under Xvfb, median of ${RUNS} runs; memory: the highest of the runs)\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\nKoda paints ${koda.painting}.`);
process.exit(0);
