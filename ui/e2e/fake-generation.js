// The generation side of the fake Tauri backend (loaded after fake-desktop.js): estimates, runs
// (pending → submitted → processing → completed | failed | canceled, each change sent as
// `koda://generation`), Run all plans, cancel, retry, the history, the spend with a monthly cap,
// and the API key commands. A completed run writes its outputs into the stored canvas (images
// drawn here as PNG assets) and emits `koda://changed`, as the app does.
//
// `window.__fakeDesktop.generation` steers it:
// - `keys`: name → { location, value } (tests may preset a key; values never leave these commands)
// - `envKey`: a key set by FAL_KEY (listed with location `environment`)
// - `offline`: sends find no network; runs wait and are tried again every `retryMs`
// - `refuseNext`: fal's reason for refusing the next run sent (`input_refused`), then cleared
// - `runMs`: how long fal takes (queue, then work); `runs`: the `generations` rows (preset freely)
// - `resume()`: follows open runs, as the app does at start
// - `enhanceMs`: how long Enhance prompt takes; `enhanceFails`: `{code, message}` for the next one
(() => {
  const fake = window.__fakeDesktop;
  const {
    commands,
    state,
    canvases,
    emit,
    changed,
    find,
    bump,
    fakeSha,
    assets,
    silentWav,
    TINY_PNG,
    error,
    sleep,
    clone,
  } = fake;
  const now = () => Date.now();

  const gen = {
    keys: {},
    envKey: null,
    offline: false,
    refuseNext: null,
    runMs: 900,
    retryMs: 500,
    runs: [],
    assetRows: [],
    waiting: [],
    active: 0,
    saved: [],
    enhanceMs: 300,
    enhanceFails: null,
  };
  fake.generation = gen;

  // A slice of koda-generate's catalog: model → [unit, usd].
  const PRICES = {
    'flux-schnell': ['image', 0.003],
    'flux-pro': ['image', 0.04],
    'nanobanana-pro': ['image', 0.15],
    'recraft-v3': ['image', 0.04],
    'ideogram-v3': ['image', 0.06],
    'sd-3.5': ['image', 0.065],
    'veo-3': ['second', 0.75],
    'veo-3.1-i2v': ['second', 0.4],
    'veo-3.1-fast-i2v': ['second', 0.15],
    'veo-3.1-flf': ['second', 0.4],
    'kling-2.6-t2v': ['second', 0.07],
    'kling-2.6-i2v': ['second', 0.07],
    'luma-ray2': ['second', 0.1],
    'minimax-video': ['run', 0.5],
    'hailuo-02-i2v': ['run', 0.48],
    'runway-gen3': ['second', 0.05],
    'ace-step': ['second', 0.0002],
    'elevenlabs-tts': ['1000 characters', 0.1],
    'mmaudio-v2': ['second', 0.001],
  };
  const ENDPOINTS = {
    'flux-pro': 'fal-ai/flux-pro/v1.1',
    'flux-schnell': 'fal-ai/flux/schnell',
    'nanobanana-pro': 'fal-ai/nano-banana-pro',
    'kling-2.6-i2v': 'fal-ai/kling-video/v2.6/pro/image-to-video',
  };
  const LABELS = {
    'flux-pro': 'Flux Pro',
    'flux-schnell': 'Flux Schnell',
    'nanobanana-pro': 'Nano Banana Pro',
    'kling-2.6-i2v': 'Kling 2.6 Image-to-Video',
    'kling-2.6-t2v': 'Kling 2.6 Text',
    'elevenlabs-tts': 'ElevenLabs TTS',
  };
  const DEFAULTS = {
    imageGenerator: 'flux-schnell',
    videoGenerator: 'kling-2.6-t2v',
    musicGenerator: 'ace-step',
    speech: 'elevenlabs-tts',
    videoAudio: 'mmaudio-v2',
  };
  const GENERATORS = Object.keys(DEFAULTS);
  const DURATION_DEFAULTS = { videoGenerator: 5, musicGenerator: 30, videoAudio: 10 };

  const hash = (text) => {
    let h = 2166136261;
    for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };

  const wiredWords = (canvas, nodeId) => {
    const edge = canvas.edges.find((e) => e.target === nodeId && e.targetHandle === 'text');
    const source = edge && canvas.nodes.find((n) => n.id === edge.source && n.type === 'text');
    return source
      ? String(source.data.content ?? '')
          .replace(/<[^>]+>/g, ' ')
          .trim()
      : '';
  };

  /** What a run of the node would be, or the app's typed error. */
  function prepare(canvas, nodeId) {
    const node = canvas.nodes.find((n) => n.id === nodeId);
    if (!node) throw error('not_found', `node '${nodeId}' was not found`);
    if (!GENERATORS.includes(node.type))
      throw error('invalid_input', `invalid input at node: a ${node.type} node does not generate anything`);
    const data = node.data ?? {};
    let model = data.model || state.settings.generation?.defaultModels?.[node.type] || DEFAULTS[node.type];
    if (model === 'auto') model = node.type === 'imageGenerator' ? 'nanobanana-pro' : 'kling-2.6-t2v';
    if (!PRICES[model])
      throw error('invalid_input', `invalid input at model: '${model}' is not a model Koda knows`);
    const field = node.type === 'speech' ? 'text' : 'prompt';
    const prompt = String(data[field] ?? '').trim() || wiredWords(canvas, nodeId);
    if (!prompt)
      throw error(
        'invalid_input',
        `invalid input at ${field}: the node has no prompt: type one, or connect a text node to it`,
      );
    const [unit, usd] = PRICES[model];
    const count = Number(data.imageCount) || 1;
    const seconds = Number(data.duration) || DURATION_DEFAULTS[node.type] || 5;
    const costUsd =
      Math.round(
        (unit === 'image'
          ? usd * count
          : unit === 'second'
            ? usd * seconds
            : unit === 'run'
              ? usd
              : (usd * prompt.length) / 1000) * 10000,
      ) / 10000;
    const input = {
      prompt,
      num_images: node.type === 'imageGenerator' ? count : undefined,
      aspect_ratio: data.aspectRatio,
      duration: node.type === 'imageGenerator' ? undefined : seconds,
    };
    const endpoint = ENDPOINTS[model] ?? `fal-ai/${model}`;
    return {
      node,
      model,
      endpoint,
      costUsd,
      prompt,
      input,
      fingerprint: hash(`${model}|${endpoint}|${JSON.stringify(input)}`),
    };
  }

  const sent = (r) => r.run && (r.run.attempts > 0 || r.run.requestId);
  const monthStart = () => {
    const d = new Date();
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  const spentThisMonth = () =>
    Math.round(
      gen.runs
        .filter((r) => r.createdAt >= monthStart() && sent(r))
        .reduce((sum, r) => sum + (r.run.costUsd ?? 0), 0) * 10000,
    ) / 10000;
  function checkCap(cost) {
    const cap = state.settings.generation?.monthlyCapUsd;
    if (cap === undefined || cap === null) return;
    const spent = spentThisMonth();
    if (spent + cost > cap + 1e-9)
      throw error(
        'budget_reached',
        `this run (~$${cost.toFixed(2)}) would pass your monthly cap of $${cap.toFixed(2)} ` +
          `($${spent.toFixed(2)} spent this month); raise the cap in Settings → AI providers`,
      );
  }

  const findRun = (id) => {
    const run = gen.runs.find((r) => r.id === id);
    if (!run) throw error('not_found', `generation '${id}' was not found`);
    return run;
  };
  /** Writes a run's row and tells the UI, as the app's observer does. */
  function put(run) {
    emit('koda://generation', clone(run));
  }
  const isOpen = (run) => ['pending', 'submitted', 'processing'].includes(run.status);

  function push(id) {
    if (!gen.waiting.includes(id)) gen.waiting.push(id);
    pump();
  }
  function pump() {
    const limit = Math.max(1, Math.min(8, state.settings.generation?.parallelRuns ?? 3));
    while (gen.active < limit && gen.waiting.length > 0) {
      const id = gen.waiting.shift();
      gen.active += 1;
      drive(id).finally(() => {
        gen.active -= 1;
        pump();
      });
    }
  }

  function fail(run, code, message) {
    run.status = 'failed';
    run.errorMessage = message;
    run.durationMs = now() - run.createdAt;
    run.run.errorCode = code;
    writeNode(run, { error: message, lastRunId: run.id });
    put(run);
  }

  function writeNode(run, fields) {
    const canvas = canvases.get(run.canvasId);
    const node = canvas?.nodes.find((n) => n.id === run.nodeId);
    if (!node) return;
    node.data = { ...node.data, ...fields };
    for (const [key, value] of Object.entries(fields)) if (value === undefined) delete node.data[key];
    const revision = bump(canvas);
    changed('patched', canvas.id, revision);
  }

  /** A landscape drawn from the prompt, so each run looks its own; `t` (0–1) moves the camera. */
  function paint(g, w, h, seedText, index, t = 0) {
    let seed = parseInt(hash(`${seedText}#${index}`), 16);
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const hue = Math.floor(rand() * 360);
    const sky = g.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, `hsl(${hue}, 55%, 16%)`);
    sky.addColorStop(0.55, `hsl(${(hue + 30) % 360}, 70%, ${50 + t * 6}%)`);
    sky.addColorStop(1, `hsl(${(hue + 50) % 360}, 85%, 72%)`);
    g.fillStyle = sky;
    g.fillRect(0, 0, w, h);
    g.fillStyle = `hsla(${(hue + 55) % 360}, 100%, 88%, 0.92)`;
    g.beginPath();
    g.arc(
      w * (0.25 + rand() * 0.5),
      h * (0.38 + rand() * 0.12 - t * 0.08),
      h * (0.08 + rand() * 0.06),
      0,
      Math.PI * 2,
    );
    g.fill();
    for (let layer = 0; layer < 3; layer++) {
      g.fillStyle = `hsla(${(hue + 200 + layer * 12) % 360}, 35%, ${22 - layer * 6}%, 0.96)`;
      g.beginPath();
      g.moveTo(0, h);
      const base = h * (0.58 + layer * 0.12);
      const shift = t * w * 0.06 * (layer + 1);
      for (let x = -w / 8; x <= w + w / 8; x += w / 8) g.lineTo(x - shift, base - rand() * h * 0.18);
      g.lineTo(w, h);
      g.fill();
    }
  }

  const sizeOf = (aspect) =>
    aspect === '9:16'
      ? [432, 768]
      : aspect === '1:1'
        ? [640, 640]
        : aspect === '4:3'
          ? [640, 480]
          : [768, 432];

  async function drawImage(seedText, index, aspect) {
    const [w, h] = sizeOf(aspect);
    const canvas = new OffscreenCanvas(w, h);
    paint(canvas.getContext('2d'), w, h, seedText, index);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** A short real video (WebM, recorded from a canvas) so players show a frame; a stand-in if recording is not possible. */
  async function recordVideo(seedText, aspect) {
    try {
      const [w, h] = sizeOf(aspect);
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d');
      paint(g, w, h, seedText, 0, 0);
      const recorder = new MediaRecorder(canvas.captureStream(24), { mimeType: 'video/webm' });
      const chunks = [];
      recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      const started = now();
      while (now() - started < 700) {
        paint(g, w, h, seedText, 0, (now() - started) / 700);
        await sleep(40);
      }
      recorder.stop();
      await stopped;
      return { bytes: new Uint8Array(await new Blob(chunks).arrayBuffer()), mime: 'video/webm' };
    } catch {
      return { bytes: TINY_PNG, mime: 'video/mp4' };
    }
  }

  async function complete(run) {
    const canvas = canvases.get(run.canvasId);
    const node = canvas?.nodes.find((n) => n.id === run.nodeId);
    const type = node?.type ?? 'imageGenerator';
    const count = type === 'imageGenerator' ? Number(run.parameters?.num_images) || 1 : 1;
    const refs = [];
    const ids = [];
    const urls = [];
    for (let i = 0; i < count; i++) {
      const sha = fakeSha();
      const kind =
        type === 'imageGenerator'
          ? 'image'
          : type === 'musicGenerator' || type === 'speech'
            ? 'audio'
            : 'video';
      const video =
        kind === 'video' ? await recordVideo(`${run.prompt}|${run.id}`, node?.data?.aspectRatio) : null;
      const bytes =
        kind === 'image'
          ? await drawImage(`${run.prompt}|${run.id}`, i, node?.data?.aspectRatio)
          : kind === 'audio'
            ? silentWav()
            : video.bytes;
      const mime = kind === 'image' ? 'image/png' : kind === 'audio' ? 'audio/wav' : video.mime;
      assets.set(sha, { bytes, mime });
      const row = {
        id: `as-${sha.slice(-10)}`,
        canvasId: run.canvasId,
        nodeId: run.nodeId,
        type: kind,
        mimeType: mime,
        sizeBytes: bytes.length,
        localBlobKey: sha,
        url: `https://v3.fal.media/files/${sha.slice(-8)}.png`,
        createdAt: now(),
      };
      gen.assetRows.push(row);
      refs.push(`koda-asset://${sha}`);
      ids.push(row.id);
      urls.push(row.url);
    }
    if (run.status !== 'processing') return;
    run.status = 'completed';
    run.resultAssetId = ids[0];
    run.durationMs = now() - run.createdAt;
    run.run = { ...run.run, resultAssetIds: ids, outputUrls: urls, queuePosition: undefined };
    const fields = {
      outputUrl: refs[0],
      outputProviderUrls: urls,
      lastRunFingerprint: run.parameters?.['koda:fingerprint'],
      error: null,
      lastRunId: run.id,
    };
    if (type === 'imageGenerator') fields.outputUrls = refs;
    writeNode(run, fields);
    put(run);
  }

  /** Drives a run as the app's queue does; offline, it waits and goes back in the queue. */
  async function drive(id) {
    const run = findRun(id);
    if (run.status === 'pending') {
      const key = gen.envKey ?? gen.keys.fal?.value;
      if (!key)
        return fail(
          run,
          'bad_key',
          'the AI provider refused the API key: no fal key yet: add one in Settings → AI providers (or set FAL_KEY)',
        );
      run.run = { ...run.run, sendingAt: now(), attempts: run.run.attempts + 1 };
      put(run);
      await sleep(60);
      if (run.status !== 'pending') return;
      if (gen.offline) {
        run.run = { ...run.run, sendingAt: undefined, attempts: run.run.attempts - 1 };
        delete run.run.sendingAt;
        put(run);
        setTimeout(() => run.status === 'pending' && push(run.id), gen.retryMs);
        return;
      }
      if (key.startsWith('bad'))
        return fail(run, 'bad_key', 'the AI provider refused the API key: 401 Unauthorized');
      if (gen.refuseNext) {
        const reason = gen.refuseNext;
        gen.refuseNext = null;
        return fail(run, 'input_refused', `the AI provider refused this input: ${reason}`);
      }
      run.status = 'submitted';
      run.run = {
        ...run.run,
        requestId: `req-${run.id}`,
        statusUrl: 'https://queue.fal.run/status',
        responseUrl: 'https://queue.fal.run/response',
        cancelUrl: 'https://queue.fal.run/cancel',
        queuePosition: 1,
      };
      put(run);
    }
    if (run.status === 'submitted') {
      await sleep(gen.runMs / 4);
      if (run.status !== 'submitted') return;
      run.status = 'processing';
      run.run = { ...run.run, queuePosition: undefined };
      put(run);
    }
    if (run.status === 'processing') {
      await sleep((gen.runMs * 3) / 4);
      if (run.status !== 'processing') return;
      await complete(run);
    }
  }

  function record(canvasId, prepared) {
    return {
      id: `g${now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      canvasId,
      nodeId: prepared.node.id,
      model: prepared.model,
      prompt: prepared.prompt,
      parameters: { ...prepared.input, 'koda:fingerprint': prepared.fingerprint },
      status: 'pending',
      createdAt: now(),
      run: { provider: 'fal', endpoint: prepared.endpoint, costUsd: prepared.costUsd, attempts: 0 },
    };
  }

  function enqueue(canvasId, nodeId) {
    const prepared = prepare(find(canvasId), nodeId);
    checkCap(prepared.costUsd);
    const run = record(canvasId, prepared);
    gen.runs.push(run);
    put(run);
    push(run.id);
    return run;
  }

  function plan(canvasId, selection) {
    const canvas = find(canvasId);
    const chosen = canvas.nodes
      .filter((n) => GENERATORS.includes(n.type) && (!selection || selection.includes(n.id)))
      .map((n) => n.id);
    const feeds = new Map(
      chosen.map((id) => [
        id,
        canvas.edges
          .filter((e) => e.target === id && chosen.includes(e.source) && e.source !== id)
          .map((e) => e.source),
      ]),
    );
    const order = [];
    const placed = new Set();
    while (order.length < chosen.length) {
      const next = chosen.find((id) => !placed.has(id) && feeds.get(id).every((s) => placed.has(s)));
      if (!next)
        throw error(
          'invalid_input',
          `invalid input at edges: these nodes feed each other in a loop: ${chosen.filter((id) => !placed.has(id)).join(' → ')}`,
        );
      placed.add(next);
      order.push(next);
    }
    const result = { runs: [], skipped: [], totalCostUsd: 0 };
    const running = new Set();
    for (const nodeId of order) {
      const after = feeds.get(nodeId).filter((s) => running.has(s));
      let prepared;
      try {
        prepared = prepare(canvas, nodeId);
      } catch (e) {
        if (after.length === 0) {
          result.skipped.push([nodeId, e.message]);
          continue;
        }
        prepared = { model: '', costUsd: 0 };
      }
      const data = canvas.nodes.find((n) => n.id === nodeId).data;
      if (
        data.outputUrl &&
        prepared.fingerprint &&
        data.lastRunFingerprint === prepared.fingerprint &&
        after.length === 0
      ) {
        result.skipped.push([nodeId, 'unchanged since its last output']);
        continue;
      }
      running.add(nodeId);
      result.totalCostUsd += prepared.costUsd;
      result.runs.push({ nodeId, model: prepared.model, costUsd: prepared.costUsd, after });
    }
    result.totalCostUsd = Math.round(result.totalCostUsd * 10000) / 10000;
    return result;
  }

  async function runAll(canvasId, result) {
    const started = new Map();
    for (const planned of result.runs) {
      let blocked = false;
      for (const input of planned.after) {
        const runId = started.get(input);
        while (runId && isOpen(findRun(runId))) await sleep(50);
        if (!runId || findRun(runId).status !== 'completed') blocked = true;
      }
      if (blocked) continue;
      try {
        started.set(planned.nodeId, enqueue(canvasId, planned.nodeId).id);
      } catch {
        /* refused (cap): the node does not run */
      }
    }
  }

  const listKeys = () => {
    const keys = Object.entries(gen.keys).map(([name, k]) => ({ name, location: k.location }));
    if (gen.envKey)
      return [...keys.filter((k) => k.name !== 'fal'), { name: 'fal', location: 'environment' }];
    return keys;
  };

  Object.assign(commands, {
    generation_estimate: ({ canvasId, nodeId }) => {
      const prepared = prepare(find(canvasId), nodeId);
      return {
        model: prepared.model,
        modelLabel: LABELS[prepared.model] ?? prepared.model,
        endpoint: prepared.endpoint,
        costUsd: prepared.costUsd,
        prompt: prepared.prompt,
      };
    },
    generation_start: ({ canvasId, nodeId }) => clone(enqueue(canvasId, nodeId)),
    generation_plan: ({ canvasId, selection }) => plan(canvasId, selection ?? null),
    generation_run_all: ({ canvasId, selection }) => {
      const result = plan(canvasId, selection ?? null);
      void runAll(canvasId, result);
      return result;
    },
    generation_cancel: ({ id }) => {
      const run = findRun(id);
      if (!isOpen(run)) return clone(run);
      run.status = 'canceled';
      run.durationMs = now() - run.createdAt;
      gen.waiting = gen.waiting.filter((w) => w !== id);
      put(run);
      return clone(run);
    },
    generation_retry: ({ id }) => {
      const old = findRun(id);
      if (isOpen(old))
        throw error('invalid_input', 'invalid input at id: this run is still going; cancel it first');
      checkCap(old.run?.costUsd ?? 0);
      const run = {
        ...clone(old),
        id: `g${now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        status: 'pending',
        createdAt: now(),
        run: { provider: 'fal', endpoint: old.run?.endpoint ?? '', costUsd: old.run?.costUsd, attempts: 0 },
      };
      delete run.resultAssetId;
      delete run.errorMessage;
      delete run.durationMs;
      gen.runs.push(run);
      put(run);
      push(run.id);
      return clone(run);
    },
    generation_list: ({ canvasId, limit }) =>
      clone(
        gen.runs
          .filter((r) => !canvasId || r.canvasId === canvasId)
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, limit ?? 500),
      ),
    generation_spend: () => ({
      thisMonthUsd: spentThisMonth(),
      monthlyCapUsd: state.settings.generation?.monthlyCapUsd,
      waiting: [...gen.waiting],
    }),
    generation_enhance_prompt: async ({ text, kind }) => {
      await sleep(gen.enhanceMs);
      if (gen.enhanceFails) {
        const { code, message } = gen.enhanceFails;
        gen.enhanceFails = null;
        throw error(code, message);
      }
      const words = String(text ?? '').trim();
      if (!words) throw error('invalid_input', 'invalid input at text: there are no words to enhance');
      if (!['image', 'video', 'music', 'speech', 'text'].includes(kind))
        throw error('invalid_input', `invalid input at kind: '${kind}' is not a kind of prompt`);
      return { suggestion: `Enhanced: ${words}, cinematic lighting, rich detail` };
    },
    list_assets: ({ canvasId }) => clone(gen.assetRows.filter((a) => !canvasId || a.canvasId === canvasId)),
    save_asset: ({ sha256, filename }) => {
      const asset = assets.get(sha256);
      if (!asset) throw error('not_found', `asset '${sha256}' was not found`);
      const ext =
        { 'image/png': 'png', 'video/mp4': 'mp4', 'video/webm': 'webm', 'audio/wav': 'wav' }[asset.mime] ??
        'bin';
      gen.saved.push({ sha256, filename });
      return { path: `/home/you/Downloads/${filename}.${ext}` };
    },
    api_keys_list: () => listKeys(),
    api_key_set: ({ name, key }) => {
      if (!key.trim()) throw error('invalid_input', 'invalid input at key: the key is empty');
      gen.keys[name] = { location: gen.keyLocation ?? 'keychain', value: key.trim() };
      return gen.keys[name].location;
    },
    api_key_remove: ({ name }) => {
      if (!gen.keys[name]) throw error('not_found', `key '${name}' was not found`);
      delete gen.keys[name];
      return null;
    },
    api_key_test: async ({ key }) => {
      await sleep(state.delayMs / 2);
      const tested = key?.trim() || gen.envKey || gen.keys.fal?.value;
      if (!tested) throw error('bad_key', 'the AI provider refused the API key: no fal key is stored yet');
      if (gen.offline)
        throw error('unreachable', 'the server cannot be reached: queue.fal.run: connection refused');
      if (tested.startsWith('bad'))
        throw error('bad_key', 'the AI provider refused the API key: 401 Unauthorized');
      return null;
    },
  });

  // Settings apply the parallel limit at once, as the app does.
  const setSettings = commands.set_settings;
  commands.set_settings = (args) => {
    setSettings(args);
    pump();
  };

  gen.resume = () => gen.runs.filter(isOpen).forEach((run) => push(run.id));
  gen.spent = spentThisMonth;
})();
