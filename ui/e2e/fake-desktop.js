// A stand-in for the Tauri side, injected into the page before the app loads
// (`context.addInitScript({ path })`): the UI then believes it runs in Koda Desktop and talks to
// this in-memory backend through the same `window.__TAURI_INTERNALS__.invoke` the real app uses.
// Only for browser tests of desktop-only UI (sync, import/export, backups, asset thumbnails,
// remote media, Settings → Database, Settings → Asset storage).
//
// `mirror_remote_media` makes no request either: it answers by the URL alone, as the app would
// after downloading. A path ending .html (or containing "not-media") is `invalid_input`, a host
// containing "offline" is `unreachable`, "too-large" is `too_large`, "remote-error" is `remote`;
// anything else is kept as an asset (a tiny PNG, or a silent WAV for .mp3/.wav/.ogg/.m4a, with
// kind `video` for .mp4/.webm/.mov), which the koda:// address below then shows. The same URL
// always gets the same fake sha; `downloaded` is true only the first time.
// `window.__fakeDesktop` lets a test look at calls, push events and change behaviour.
// `window.__fakeDesktop.openFiles(files)` stands in for the app importing files it was asked to
// open (kept for `take_opened_files`, announced on `koda://opened-files`), and
// `window.__fakeDesktop.menu(action, canvasId)` for an item of the menu bar (`koda://menu`).
//
// Updates: `state.update` is the status `update_status` answers (tests may replace it before
// load), `state.updateRelease` the release `check_for_update` finds (`{ version, notes, date }`,
// or null: up to date); `download_update` makes a found one `ready` (its progress told in quarters); `restart_to_update` only
// sets `state.restartedToUpdate`. `window.__fakeDesktop.announceUpdate(info)` stands in for the
// check at start finding a release (`koda://update`).
//
// `window.__fakeDesktop.failStore({code, message}, { backups })` (from an init script, after the
// canvases are added) starts it as the app starts when its database will not open: every command
// but the recovery ones answers that error, and `recovery_status` says why, with the backups.
// `recovery_restore_backup` / `recovery_start_empty` then "reopen" the store; what they did is kept
// in sessionStorage (`state.recovered`), so after the page reloads the same init script finds the
// store open (and, after a fresh start, empty). `state.refuseRecovery = {code, message}` makes the
// next of them fail.
//
// The canvas commands follow the write rules of conformance/vectors through the same code as the
// browser store: ui/src/storage/canvas-rules.ts, which must be in the page first as
// `window.__kodaCanvasRules` (`canvasRulesScript()` in harness.mjs bundles it; vitest runs the
// vectors on this file in ui/src/storage/conformance-vectors.test.ts).
(() => {
  const rules = window.__kodaCanvasRules;
  if (!rules)
    throw new Error('fake-desktop.js needs window.__kodaCanvasRules (harness.mjs canvasRulesScript)');
  const now = () => Date.now();
  const canvases = new Map();
  const trash = new Map();
  const assets = new Map(); // fake sha → { bytes, mime }
  const blobUrls = new Map(); // koda:// path → the blob: URL it is shown as
  const callbacks = new Map();
  const listeners = new Map(); // event → Set of callback ids
  let nextCallback = 1;
  let nextSha = 1;
  let nextCanvas = 1;
  let seq = 0;
  const DATA_DIR = '/home/you/.local/share/koda';
  const RECOVERED_KEY = '__fakeDesktop.recovered';
  /** Commands the app answers while its store is not open. */
  const RECOVERY_COMMANDS = new Set([
    'recovery_status',
    'recovery_restore_backup',
    'recovery_start_empty',
    'open_data_folder',
    'open_logs_folder',
  ]);
  const readRecovered = () => {
    try {
      return JSON.parse(window.sessionStorage.getItem(RECOVERED_KEY) ?? 'null');
    } catch {
      return null; // about:blank has no storage
    }
  };
  const state = {
    calls: [],
    settings: {
      theme: 'dark',
      canvas: { snapToGrid: false, gridSize: 20, showMinimap: true },
      backupsToKeep: 7,
      generation: { parallelRuns: 3, defaultModels: {} },
    },
    profile: { id: 'local', name: 'Local user' },
    sync: { enabled: false, url: null, hasToken: false, state: 'off', pending: 0 },
    backups: [
      {
        path: '/home/you/.local/share/koda/backups/koda-2025-01-10.db',
        name: 'koda-2025-01-10.db',
        bytes: 2_400_000,
        createdAt: now() - 3 * 86_400_000,
      },
      {
        path: '/home/you/.local/share/koda/backups/koda-2025-01-12.db',
        name: 'koda-2025-01-12.db',
        bytes: 2_600_000,
        createdAt: now() - 86_400_000,
      },
    ],
    /** Settings → Database: what `database_status` answers (tests may replace it before load). */
    database: { backend: 'sqlite', fromEnvironment: false, personId: '7f1c2a9e-5b0d-4c8e-9a41-3d2f6b8e0c17' },
    /** Canvas names already on the stand-in PostgreSQL server. */
    serverCanvases: ['Team moodboard', 'Launch storyboard'],
    /**
     * Settings → Asset storage: `saved` is the bucket chosen in Settings (with its secret, as the
     * app keeps it sealed; never answered), `env` one set by ASSET_STORAGE / S3_* (tests set it
     * before load), `files` the asset files on this computer, `offline` makes upload passes fail.
     */
    assetStorage: {
      saved: null,
      env: null,
      files: 6,
      offline: false,
      uploads: { uploaded: 0, pending: 0, lastRunAt: 0 },
    },
    restoreScheduled: null,
    restarted: false,
    /** The store that did not open (`failStore`): `{ error }`; null while it is open. */
    failure: null,
    /** Makes the next recovery_restore_backup / recovery_start_empty fail with this `{code, message}`. */
    refuseRecovery: null,
    /** What the last recovery did, kept across the reload after it: `{ cmd, args, keptAs, restored }`. */
    recovered: readRecovered(),
    /** Milliseconds long commands (import, backup, sync) take, so progress can be seen. */
    delayMs: 400,
    /** Batches of opened files (`openFiles`) the page has not taken yet (`take_opened_files`). */
    openedFiles: [],
    /** What the native dialogs answer next (see `import_with_dialog`). */
    dialogAnswers: [],
    /** Where updating stands (`UpdateStatus`). */
    update: { state: 'upToDate', currentVersion: '0.1.0' },
    /** The release a check finds: `{ version, notes?, date? }`, or null (up to date). */
    updateRelease: null,
    /** Set by `restart_to_update` (the app would install and restart). */
    restartedToUpdate: false,
  };

  const error = (code, message) => Object.assign(Object.create(null), { code, message });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const clone = (v) => structuredClone(v);
  const meta = (c) => rules.canvasMetadata(c, trash.get(c.id));
  /** A new canvas id, unique even for several canvases made in one millisecond. */
  const newCanvasId = () => `c${now().toString(36)}${(nextCanvas++).toString(36)}`;
  const fakeSha = () => (nextSha++).toString(16).padStart(64, '0');
  const mirrored = new Map(); // url → sha
  const TINY_PNG = Uint8Array.from(
    atob(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAE0lEQVR42mP4v91XcdpnBiAGsgAzRAdbS0MRjgAAAABJRU5ErkJggg==',
    ),
    (c) => c.charCodeAt(0),
  );
  function silentWav() {
    const bytes = new Uint8Array(44 + 800);
    const view = new DataView(bytes.buffer);
    const text = (at, s) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
    text(0, 'RIFF');
    view.setUint32(4, 36 + 800, true);
    text(8, 'WAVEfmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 8000, true);
    view.setUint32(28, 8000, true);
    view.setUint16(32, 1, true);
    view.setUint16(34, 8, true);
    text(36, 'data');
    view.setUint32(40, 800, true);
    bytes.fill(128, 44);
    return bytes;
  }

  function emit(event, payload) {
    for (const id of listeners.get(event) ?? []) callbacks.get(id)?.({ event, id, payload });
  }
  function changed(kind, canvasId, revision) {
    emit('koda://changed', { seq: ++seq, kind, canvasId, revision, at: now() });
  }
  function setSync(change) {
    state.sync = { ...state.sync, ...change };
    emit('koda://sync-status', clone(state.sync));
    return clone(state.sync);
  }
  function bump(canvas) {
    canvas.revision += 1;
    canvas.updatedAt = now();
    return canvas.revision;
  }
  /** The stored canvas (changed in place by generation results), or `not_found`. */
  function find(id) {
    return rules.existing(id, canvases.get(id));
  }
  function add(canvas) {
    canvases.set(canvas.id, {
      nodes: [],
      edges: [],
      revision: 1,
      createdAt: now(),
      updatedAt: now(),
      ...clone(canvas),
    });
  }
  /** Starts with the store failed to open, unless a recovery already reopened it before a reload. */
  function failStore(failure, options = {}) {
    if (options.backups) state.backups = clone(options.backups);
    if (state.recovered) {
      if (state.recovered.cmd === 'recovery_start_empty') {
        canvases.clear();
        trash.clear();
      }
      return false;
    }
    state.failure = { error: error(failure.code, failure.message) };
    return true;
  }
  /** After a restore or a fresh start: the old file kept in the backups folder, the store open. */
  async function recover(cmd, args, restored) {
    await sleep(state.delayMs);
    if (!state.failure)
      throw error('config', 'configuration error: the database is open; there is nothing to recover');
    if (state.refuseRecovery) {
      const refusal = state.refuseRecovery;
      state.refuseRecovery = null;
      throw error(refusal.code, refusal.message);
    }
    const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const keptAs = `${DATA_DIR}/backups/koda-damaged-${stamp}.db`;
    state.failure = null;
    state.recovered = { cmd, args, keptAs, restored };
    if (cmd === 'recovery_start_empty') {
      canvases.clear();
      trash.clear();
    }
    try {
      window.sessionStorage.setItem(RECOVERED_KEY, JSON.stringify(state.recovered));
    } catch {
      // no storage: the next page starts failed again
    }
    return { keptAs, restored };
  }

  /**
   * As the app after a launch with files or a second launch handing its files over: each file is
   * `{ path, canvases: [StoredCanvas], assets? }` (stored, as its import would) or
   * `{ path, error: {code, message} }`; the batch waits for `take_opened_files` and is announced
   * on `koda://opened-files` (heard only once the page listens). From an init script it stands
   * for files given at launch.
   */
  function openFiles(files) {
    const batch = {
      files: files.map(({ path, canvases = [], assets = 0, error: failure }) => {
        if (failure) return { path, result: null, error: error(failure.code, failure.message) };
        canvases.forEach((canvas) => {
          add(canvas);
          changed('created', canvas.id, 1);
        });
        const format = path.endsWith('.canvas') ? 'JsonCanvas' : 'KodaBundle';
        const list = canvases.map((c) => ({ id: c.id, name: c.name, nodeCount: (c.nodes ?? []).length }));
        return { path, result: { format, canvases: list, assets }, error: null };
      }),
    };
    state.openedFiles.push(batch);
    emit('koda://opened-files', clone(batch));
    return clone(batch);
  }
  /** `state.update` as an available update with `release`'s version, notes and date. */
  function availableUpdate(release) {
    return {
      state: 'available',
      version: release.version,
      currentVersion: state.update.currentVersion,
      notes: release.notes ?? null,
      date: release.date ?? null,
    };
  }
  /** The check a few seconds after start finding `release`: `koda://update`, as the app sends it. */
  function announceUpdate(release) {
    state.updateRelease = clone(release);
    state.update = availableUpdate(release);
    emit('koda://update', clone(state.update));
  }
  /** An item of the app's menu bar picked: `koda://menu` with `{ action, canvasId }`. */
  function menu(action, canvasId = null) {
    emit('koda://menu', { action, canvasId });
  }

  function runSync() {
    setSync({ state: 'syncing' });
    setTimeout(
      () => setSync({ state: 'synced', lastSyncAt: now(), pending: 0, message: undefined }),
      state.delayMs,
    );
  }

  const redact = (url) => url.replace(/^(\w+:\/\/[^:/@]*):[^@]*@/, '$1:***@');
  async function copyWithProgress(names) {
    const total = names.length;
    const step = state.delayMs / 2;
    for (const [index, canvasName] of names.entries()) {
      emit('koda://copy-progress', { phase: 'canvases', done: index, total, canvasName });
      await sleep(step);
    }
    for (const phase of ['records', 'settings']) {
      emit('koda://copy-progress', { phase, done: 0, total: 1 });
      await sleep(step);
    }
    for (let index = 0; index < total; index++) {
      emit('koda://copy-progress', { phase: 'verifying', done: index, total });
      await sleep(step / 2);
    }
    emit('koda://copy-progress', { phase: 'done', done: total, total });
    return {
      canvases: total,
      skipped: 0,
      replaced: 0,
      nodes: 3 * total,
      edges: total,
      assets: 2,
      generations: 0,
      verified: true,
    };
  }

  // Asset storage: the same checks and messages as the app (koda-objects), on made-up buckets.
  const PROVIDERS = ['s3', 'r2', 'supabase'];
  function bucketConfig(input) {
    const saved = state.assetStorage.saved;
    const provider = String(input.provider ?? '')
      .trim()
      .toLowerCase();
    if (!PROVIDERS.includes(provider))
      throw error(
        'config',
        `configuration error: storage provider '${provider}' is not known; use s3, r2 or supabase`,
      );
    const secretKey = input.secretKey?.trim() || saved?.secretKey;
    if (!secretKey) throw error('config', 'configuration error: enter the secret access key');
    const endpoint = input.endpoint?.trim() || undefined;
    if (endpoint && !/^https?:\/\/\S+$/.test(endpoint))
      throw error(
        'config',
        `configuration error: S3_ENDPOINT=${JSON.stringify(endpoint)} is not an http:// or https:// URL`,
      );
    if (!endpoint && provider !== 's3')
      throw error('config', `configuration error: ${provider} storage needs S3_ENDPOINT to be set`);
    const bucket = input.bucket.trim();
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(bucket))
      throw error(
        'config',
        `configuration error: S3_BUCKET=${JSON.stringify(bucket)} is not a bucket name (letters, digits, '.', '_' and '-')`,
      );
    const prefix = (input.prefix?.trim() || 'koda/').replace(/^\/+|\/+$/g, '');
    if (prefix.split('/').some((part) => part === '' || part === '.' || part === '..'))
      throw error(
        'config',
        `configuration error: the key prefix ${JSON.stringify(input.prefix)} is not a plain folder path`,
      );
    const region = input.region?.trim() || (provider === 'r2' ? 'auto' : 'us-east-1');
    return {
      provider,
      bucket,
      region,
      endpoint,
      accessKey: input.accessKey.trim(),
      secretKey,
      prefix: prefix ? `${prefix}/` : '',
    };
  }
  async function checkBucket(config) {
    await sleep(state.delayMs);
    const place = `bucket '${config.bucket}' at ${config.endpoint ?? `AWS S3 (${config.region})`}`;
    if (/offline|nowhere/.test(config.endpoint ?? ''))
      throw error(
        'unreachable',
        `the database server cannot be reached: ${place}: error sending request: connection refused`,
      );
    if (config.secretKey === 'wrong' || config.accessKey === 'WRONG')
      throw error(
        'access_denied',
        `the database server refused the login: ${place} refused the keys ` +
          '(check S3_ACCESS_KEY and S3_SECRET_KEY, and that they may use this bucket): SignatureDoesNotMatch',
      );
    if (config.bucket === 'missing')
      throw error(
        'config',
        `configuration error: bucket '${config.bucket}' was not found at ` +
          `${config.endpoint ?? `AWS S3 (${config.region})`} (check S3_BUCKET and S3_ENDPOINT)`,
      );
  }
  const bucketInUse = () => state.assetStorage.env ?? state.assetStorage.saved;
  function assetStorageStatus() {
    const bucket = bucketInUse();
    const shown = bucket
      ? {
          provider: bucket.provider,
          bucket: bucket.bucket,
          region: bucket.region,
          endpoint: bucket.endpoint,
          accessKey: bucket.accessKey,
          prefix: bucket.prefix,
        }
      : {};
    return {
      enabled: bucket !== null,
      fromEnvironment: state.assetStorage.env !== null,
      ...shown,
      uploads: clone(state.assetStorage.uploads),
    };
  }
  /** Changes the upload status and tells the UI, as the app does after each background pass. */
  function setUploads(change) {
    const next = { ...state.assetStorage.uploads, ...change };
    if (next.lastError === undefined) delete next.lastError;
    state.assetStorage.uploads = next;
    emit('koda://asset-uploads', clone(next));
    return clone(next);
  }
  /** One upload pass: a few files at a time, or nothing when the bucket cannot be reached. */
  function uploadPass() {
    const { uploads, files, offline } = state.assetStorage;
    if (offline) {
      const bucket = bucketInUse();
      return setUploads({
        pending: files - uploads.uploaded,
        lastRunAt: now(),
        lastError: error(
          'unreachable',
          `the database server cannot be reached: bucket '${bucket.bucket}' at ${bucket.endpoint ?? 'AWS S3'}: connection refused`,
        ),
      });
    }
    const uploaded = Math.min(files, uploads.uploaded + 4);
    return setUploads({ uploaded, pending: files - uploaded, lastRunAt: now(), lastError: undefined });
  }
  function startUploads() {
    const pass = () => {
      if (!bucketInUse()) return;
      uploadPass();
      if (state.assetStorage.uploads.pending > 0) setTimeout(pass, state.delayMs * 2);
    };
    setTimeout(pass, state.delayMs);
  }

  const commands = {
    // Each write computes the next canvas first (canvas-rules throws `{code, message}` before
    // anything is stored), so a refused write changes nothing.
    list_canvases: () => rules.newestFirst([...canvases.values()].filter((c) => !trash.has(c.id)).map(meta)),
    list_trash: () =>
      rules.recentlyTrashedFirst([...canvases.values()].filter((c) => trash.has(c.id)).map(meta)),
    get_canvas: ({ id }) => (canvases.has(id) ? clone(canvases.get(id)) : null),
    create_canvas: ({ name }) => {
      const canvas = rules.newCanvas(newCanvasId(), name, now());
      canvases.set(canvas.id, canvas);
      changed('created', canvas.id, 1);
      return canvas;
    },
    save_canvas: ({ canvas }) => {
      const stored = rules.savedCanvas(canvas, canvases.get(canvas?.id), now());
      canvases.set(stored.id, stored);
      changed('saved', stored.id, stored.revision);
      return stored.revision;
    },
    apply_patch: ({ id, baseRevision, patch }) => {
      const next = rules.patchedCanvas(id, canvases.get(id), baseRevision, patch, now());
      canvases.set(id, next);
      changed('patched', id, next.revision);
      return next.revision;
    },
    rename_canvas: ({ id, name }) => {
      const next = rules.renamedCanvas(id, canvases.get(id), name, now());
      canvases.set(id, next);
      changed('renamed', id, next.revision);
      return next.revision;
    },
    duplicate_canvas: ({ id, name }) => {
      const copy = rules.duplicatedCanvas(id, canvases.get(id), newCanvasId(), name, now());
      canvases.set(copy.id, copy);
      changed('created', copy.id, 1);
      return copy;
    },
    trash_canvas: ({ id }) => {
      find(id);
      trash.set(id, now());
    },
    restore_canvas: ({ id }) => {
      find(id);
      trash.delete(id);
    },
    purge_canvas: ({ id }) => {
      find(id);
      canvases.delete(id);
      trash.delete(id);
    },
    set_thumbnail: ({ id, thumbnail }) => {
      canvases.set(id, rules.withThumbnail(id, canvases.get(id), thumbnail));
    },
    set_canvas_thumbnail: (body, headers) => {
      const id = decodeURIComponent(headers['x-koda-canvas']);
      const sha = fakeSha();
      assets.set(sha, { bytes: body, mime: 'image/png' });
      find(id).thumbnail = `koda-asset://${sha}`;
      changed('thumbnail', id);
      return `koda-asset://${sha}`;
    },
    add_asset: (body, headers) => {
      const sha = fakeSha();
      assets.set(sha, { bytes: body, mime: 'image/png' });
      return {
        id: `a${sha.slice(-6)}`,
        type: 'image',
        filename: decodeURIComponent(headers['x-koda-filename'] ?? ''),
        localBlobKey: sha,
        createdAt: now(),
      };
    },
    mirror_remote_media: async ({ url }) => {
      await sleep(state.delayMs / 4);
      const parsed = new URL(url);
      const path = parsed.pathname.toLowerCase();
      if (parsed.hostname.includes('offline'))
        throw error('unreachable', `Couldn’t download ${url}: the server could not be reached.`);
      if (path.endsWith('.html') || url.includes('not-media'))
        throw error('invalid_input', `${url} is a web page (text/html), not an image, video or sound.`);
      if (url.includes('too-large')) throw error('too_large', `${url} is over 512 MB.`);
      if (url.includes('remote-error')) throw error('remote', `${url} answered 500 Internal Server Error.`);
      const kind = /\.(mp4|webm|mov)$/.test(path)
        ? 'video'
        : /\.(mp3|wav|ogg|m4a)$/.test(path)
          ? 'audio'
          : 'image';
      const known = mirrored.has(url);
      if (!known) {
        const sha = fakeSha();
        mirrored.set(url, sha);
        assets.set(
          sha,
          kind === 'audio'
            ? { bytes: silentWav(), mime: 'audio/wav' }
            : { bytes: TINY_PNG, mime: kind === 'video' ? 'video/mp4' : 'image/png' },
        );
      }
      const sha = mirrored.get(url);
      return { sha256: sha, kind, mimeType: assets.get(sha).mime, downloaded: !known };
    },
    get_settings: () => clone(state.settings),
    set_settings: ({ settings }) => void (state.settings = settings),
    get_profile: () => clone(state.profile),
    set_profile: ({ profile }) => void (state.profile = profile),
    storage_info: () =>
      state.database.backend === 'postgres'
        ? {
            backend: 'postgres',
            dataDir: '/home/you/.local/share/koda',
            logsDir: '/home/you/.local/share/koda/logs',
            databasePath: `${state.database.displayUrl} (schema ${state.database.schema ?? 'public'})`,
            databaseBytes: 9_437_184,
            schemaVersion: 3,
          }
        : {
            backend: 'sqlite',
            dataDir: '/home/you/.local/share/koda',
            logsDir: '/home/you/.local/share/koda/logs',
            databasePath: '/home/you/.local/share/koda/koda.db',
            databaseBytes: 2_621_440,
            schemaVersion: 2,
          },
    open_data_folder: () => null,
    open_logs_folder: () => null,

    // The database did not open (failStore): why, the backups, and the ways back.
    recovery_status: () =>
      state.failure
        ? {
            error: clone(state.failure.error),
            dataDir: DATA_DIR,
            databasePath: `${DATA_DIR}/koda.db`,
            backups: clone(state.backups),
          }
        : null,
    recovery_restore_backup: ({ name }) => {
      const newest = [...state.backups].sort((a, b) => b.createdAt - a.createdAt)[0];
      const backup = name === null ? newest : state.backups.find((b) => b.name === name);
      if (!backup) throw error('not_found', `backup '${name ?? 'newest'}' was not found`);
      return recover('recovery_restore_backup', { name }, backup.name);
    },
    recovery_start_empty: () => recover('recovery_start_empty', {}, null),
    // All or nothing, as koda-core: every canvas is checked first; each keeps its updatedAt, and
    // one with an id already stored replaces it at the next revision.
    import_canvases: ({ canvases: list }) => {
      rules.validateImport(list);
      for (const canvas of list)
        canvases.set(canvas.id, rules.savedCanvas(canvas, canvases.get(canvas.id), canvas.updatedAt));
      return list.length;
    },
    export_all: () => [...canvases.values()].map(clone),

    // Cloud sync (issue 6)
    get_sync_status: () => clone(state.sync),
    set_sync: ({ enabled, url, token }) => {
      if (enabled && !/^(libsql|https?):\/\//.test(url))
        throw error('config', 'The URL must start with libsql://, https:// or http://');
      setSync({
        enabled,
        url: url || null,
        hasToken: state.sync.hasToken || token !== null,
        state: enabled ? 'syncing' : 'off',
        message: undefined,
      });
      if (enabled) runSync();
      return clone(state.sync);
    },
    test_sync: async ({ url }) => {
      await sleep(state.delayMs);
      if (url.includes('offline')) throw error('offline', 'connection refused');
      if (url.includes('newer')) throw error('remote_too_new', 'the remote schema is version 9');
      if (!/^(libsql|https?):\/\//.test(url))
        throw error('config', 'The URL must start with libsql://, https:// or http://');
      return null;
    },
    sync_now: () => {
      if (!state.sync.enabled) throw error('config', 'Cloud sync is off');
      runSync();
      return clone(state.sync);
    },

    // Settings → Database: PostgreSQL test, moves with progress (koda://copy-progress)
    database_status: () => clone(state.database),
    database_test_postgres: async ({ url, schema }) => {
      await sleep(state.delayMs);
      if (!/^postgres(ql)?:\/\//.test(url))
        throw error('config', 'configuration error: the URL must start with postgres:// or postgresql://');
      if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema))
        throw error('config', `configuration error: '${schema}' is not a valid schema name`);
      if (url.includes(':wrong@'))
        throw error(
          'access_denied',
          'the database server refused the login: password authentication failed for user "koda"',
        );
      if (url.includes('nowhere'))
        throw error('unreachable', 'the database server cannot be reached: connection refused');
      if (url.includes('newer'))
        throw error(
          'database_too_new',
          'this database was written by a newer version of Koda (schema version 9)',
        );
      const local = /@(localhost|127\.0\.0\.1)[:/]/.test(url);
      return {
        serverVersion: 'PostgreSQL 16.4',
        schemaVersion: 3,
        canvases: state.serverCanvases.length,
        tls: url.includes('sslmode=require') && !local,
      };
    },
    database_move_to_postgres: async ({ url, schema }) => {
      if (state.database.fromEnvironment)
        throw error('config', 'configuration error: the database is set by environment variables');
      const names = [...canvases.values()].map((c) => c.name);
      const report = await copyWithProgress(names);
      state.database = { ...state.database, displayUrl: redact(url), schema: schema ?? undefined };
      state.serverCanvases.push(...names);
      return report;
    },
    database_move_to_sqlite: async () => {
      if (state.database.fromEnvironment)
        throw error('config', 'configuration error: the database is set by environment variables');
      return copyWithProgress(state.serverCanvases);
    },

    // Settings → Asset storage: a bucket mirroring asset files, uploads reported on koda://asset-uploads
    asset_storage_status: () => assetStorageStatus(),
    asset_storage_test: async ({ settings }) => {
      await checkBucket(bucketConfig(settings));
      return null;
    },
    asset_storage_save: async ({ settings }) => {
      if (state.assetStorage.env)
        throw error(
          'config',
          'configuration error: asset storage is set by environment variables (ASSET_STORAGE, S3_*); change them instead',
        );
      if (settings === null) {
        state.assetStorage.saved = null;
        return assetStorageStatus();
      }
      const config = bucketConfig(settings);
      await checkBucket(config);
      state.assetStorage.saved = config;
      state.assetStorage.uploads = { uploaded: 0, pending: state.assetStorage.files, lastRunAt: 0 };
      startUploads();
      return assetStorageStatus();
    },
    asset_storage_upload_now: async () => {
      if (!bucketInUse())
        throw error('config', 'configuration error: asset storage is off; set a bucket first');
      await sleep(state.delayMs);
      return uploadPass();
    },

    // Import, export, backups (issue 5)
    import_file: async (body, headers) => {
      await sleep(state.delayMs * 2);
      const filename = decodeURIComponent(headers['x-koda-filename'] ?? 'import.json');
      let value;
      try {
        value = JSON.parse(new TextDecoder().decode(body));
      } catch (e) {
        throw error('invalid_input', `${filename}: not a file Koda can import (${e.message})`);
      }
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((c) => c && typeof c.id === 'string' && typeof c.name === 'string'))
        throw error('invalid_input', `/tmp/.tmpQ3x9/${filename}: $[0].id: expected a string`);
      list.forEach((c) => {
        add(c);
        changed('created', c.id, 1);
      });
      return {
        format: Array.isArray(value) ? 'SpacesCanvases' : 'StoredCanvas',
        canvases: list.map((c) => ({ id: c.id, name: c.name, nodeCount: (c.nodes ?? []).length })),
        assets: 0,
      };
    },
    // The native dialogs: each answer in `state.dialogAnswers` is what the person picked
    // (files to open, or `{ path }` to save to); an empty queue is a cancelled dialog.
    import_with_dialog: async () => {
      await sleep(state.delayMs);
      const picked = state.dialogAnswers.shift() ?? [];
      if (picked.length > 0) setTimeout(() => openFiles(picked), state.delayMs);
      return picked.length;
    },
    export_canvas: ({ id, format }) => {
      const canvas = find(id);
      const ext = { koda: 'koda', canvas: 'canvas', json: 'json' }[format];
      if (!ext) throw error('invalid_input', `unknown export format '${format}'`);
      if (state.dialogAnswers[0]?.cancel) {
        state.dialogAnswers.shift();
        return { path: null };
      }
      return { path: `/home/you/Downloads/${canvas.name}.${ext}` };
    },
    save_export: (body, headers) => {
      if (!(body instanceof Uint8Array) || body[0] !== 0x89)
        throw error('invalid_input', 'only PNG images can be saved this way');
      state.lastExportPng = body;
      return {
        path: `/home/you/Downloads/${decodeURIComponent(headers['x-koda-filename'] ?? 'canvas.png')}`,
      };
    },
    backup_now: async () => {
      await sleep(state.delayMs);
      const info = {
        path: `/home/you/.local/share/koda/backups/koda-manual-${now()}.db`,
        name: `koda-manual-${now()}.db`,
        bytes: 2_621_440,
        createdAt: now(),
      };
      state.backups.unshift(info);
      return info;
    },
    list_backups: () => clone(state.backups),
    restore_backup: ({ name }) => {
      if (!state.backups.some((b) => b.name === name)) throw error('not_found', `backup ${name} not found`);
      state.restoreScheduled = name;
      return null;
    },
    restart_app: () => {
      state.restarted = true;
      return null;
    },

    // Updates: a check finds `state.updateRelease`; a download keeps it (ready) until a restart.
    update_status: () => clone(state.update),
    check_for_update: async () => {
      await sleep(state.delayMs);
      if (['notConfigured', 'ready'].includes(state.update.state)) return clone(state.update);
      state.update = state.updateRelease
        ? availableUpdate(state.updateRelease)
        : { state: 'upToDate', currentVersion: state.update.currentVersion };
      return clone(state.update);
    },
    download_update: async () => {
      // The package arrives in quarters (`koda://update-progress`), as the app tells it.
      const total = 48_000_000;
      for (let quarter = 1; quarter <= 4; quarter++) {
        await sleep(state.delayMs / 4);
        emit('koda://update-progress', { received: (total / 4) * quarter, total });
      }
      if (state.update.state === 'available') state.update = { ...state.update, state: 'ready' };
      return clone(state.update);
    },
    restart_to_update: () => {
      state.restartedToUpdate = true;
      return clone(state.update);
    },

    // Files Koda was asked to open (openFiles): every batch since the page last asked.
    take_opened_files: () => {
      const taken = state.openedFiles;
      state.openedFiles = [];
      return taken;
    },
  };

  async function invoke(cmd, args, options) {
    if (cmd === 'plugin:event|listen') {
      if (!listeners.has(args.event)) listeners.set(args.event, new Set());
      listeners.get(args.event).add(args.handler);
      return args.handler;
    }
    if (cmd === 'plugin:event|unlisten') {
      listeners.get(args.event)?.delete(args.eventId);
      return null;
    }
    if (cmd.startsWith('plugin:')) return null; // window plugin: title, close, destroy …
    state.calls.push({
      cmd,
      args: args instanceof Uint8Array ? `<${args.length} bytes>` : clone(args ?? null),
      headers: options?.headers,
    });
    // A store that did not open: every command but the recovery ones says why, as in the app.
    if (state.failure && !RECOVERY_COMMANDS.has(cmd)) throw clone(state.failure.error);
    const command = commands[cmd];
    if (!command) throw `command ${cmd} not found`;
    // Copy what goes out, as the real IPC would.
    const result = await command(args ?? {}, options?.headers ?? {});
    return result === undefined ? null : clone(result);
  }

  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback, once) {
      const id = nextCallback++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback?.(data);
      });
      return id;
    },
    unregisterCallback: (id) => callbacks.delete(id),
    // koda://localhost/asset/<sha> → the stored bytes, so thumbnails show. The same path always
    // gets the same address, as in the app (a new one per render would reload players for ever).
    convertFileSrc(path) {
      const sha = decodeURIComponent(path).split('/')[1];
      const asset = assets.get(sha);
      if (!asset) return `koda://localhost/${encodeURIComponent(path)}`;
      if (!blobUrls.has(path))
        blobUrls.set(path, URL.createObjectURL(new Blob([asset.bytes], { type: asset.mime })));
      return blobUrls.get(path);
    },
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: (_event, id) => callbacks.delete(id) };
  // `commands`, `find`, `bump`, `fakeSha`, `silentWav` and `TINY_PNG` let fake-generation.js add the generation commands.
  window.__fakeDesktop = {
    state,
    canvases,
    add,
    emit,
    changed,
    failStore,
    setSync,
    setUploads,
    openFiles,
    menu,
    announceUpdate,
    assets,
    commands,
    find,
    bump,
    fakeSha,
    silentWav,
    TINY_PNG,
    error,
    sleep,
    clone,
  };
})();
