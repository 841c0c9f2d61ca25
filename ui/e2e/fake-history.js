// The version history and search side of the fake Tauri backend (loaded after fake-desktop.js):
// `search {query}`, `list_versions {canvasId}`, `get_version {canvasId, versionId}` and
// `restore_version {canvasId, versionId, nodeId}` (nodeId null: the whole canvas), answering
// like the app: VersionInfo newest first, `{code: 'not_found'}` for an unknown version, a restore
// keeping what it replaces as a version (source `restore`) and emitting `koda://changed`.
// Writes through the fake's canvas commands keep a version when the replaced state had settled
// (not edited for `settleMs`), as the app does.
//
// `window.__fakeDesktop.history` steers it:
// - `versions`: the kept versions ({ info: VersionInfo, canvas }); `keep(canvas, source, extra)`
//   adds one (tests preset versions with it before the app starts)
// - `settleMs`: how long a canvas must rest before an edit keeps its state (default 2 min)
(() => {
  const fake = window.__fakeDesktop;
  const { commands, canvases, changed, error, clone } = fake;
  const now = () => Date.now();

  const history = { versions: [], settleMs: 120_000, nextId: 1 };
  fake.history = history;

  /** Keeps `canvas` as a version; `extra` may set `at`, `device`, `revision`. */
  history.keep = (canvas, source = 'edit', extra = {}) => {
    const content = clone(canvas);
    delete content.thumbnail;
    const info = {
      id: history.nextId++,
      canvasId: canvas.id,
      at: canvas.updatedAt || now(),
      source,
      revision: canvas.revision ?? 0,
      name: canvas.name,
      nodeCount: (canvas.nodes ?? []).length,
      ...extra,
    };
    history.versions.push({ info, canvas: content });
    return info;
  };

  // Writes that replace content keep the replaced state once it had settled.
  for (const [command, source] of [
    ['apply_patch', 'edit'],
    ['rename_canvas', 'edit'],
    ['save_canvas', 'import'],
  ]) {
    const write = commands[command];
    commands[command] = (args, headers) => {
      const id = args.id ?? args.canvas?.id;
      const before = canvases.has(id) ? clone(canvases.get(id)) : null;
      const result = write(args, headers);
      const after = canvases.get(id);
      const edited = before && after && after.updatedAt !== before.updatedAt;
      if (edited && before.nodes.length > 0 && now() - before.updatedAt >= history.settleMs)
        history.keep(before, source);
      return result;
    };
  }

  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
  const words = (s) => [...s.matchAll(WORD)].map((m) => ({ at: m.index, text: m[0], folded: fold(m[0]) }));
  const strings = (value, out = []) => {
    if (typeof value === 'string') {
      if (!/^(data:|blob:|https?:|koda)/.test(value)) out.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) if (!/^id$|Ids?$/.test(key)) strings(v, out);
    return out;
  };
  /** The text with each matched word wrapped in U+0002 … U+0003, cut around the first one. */
  function snippet(text, terms) {
    const all = words(text);
    const first = all.findIndex((w) => terms.some((t) => w.folded.startsWith(t)));
    const from = Math.max(0, first - 4);
    const start = from === 0 ? 0 : all[from].at;
    let out = '';
    let at = start;
    for (const w of all.slice(from, from + 24)) {
      out += text.slice(at, w.at);
      out += terms.some((t) => w.folded.startsWith(t)) ? `\u0002${w.text}\u0003` : w.text;
      at = w.at + w.text.length;
    }
    return (start > 0 ? '…' : '') + out.replace(/\s+/g, ' ').trim();
  }

  commands.search = ({ query }) => {
    const terms = [...new Set(words(query.text ?? '').map((w) => w.folded))];
    if (terms.length === 0) return [];
    const trashed = new Set(commands.list_trash().map((c) => c.id));
    const hits = [];
    for (const canvas of canvases.values()) {
      const isTrashed = trashed.has(canvas.id);
      if (isTrashed && !query.includeTrash) continue;
      const places = [
        { nodeId: null, texts: [canvas.name, canvas.description ?? ''] },
        ...canvas.nodes.map((n) => ({ nodeId: n.id, nodeType: n.type, texts: strings(n.data) })),
      ];
      for (const place of places) {
        let best = null;
        let count = 0;
        for (const text of place.texts) {
          const found = new Set(words(text).flatMap((w) => terms.filter((t) => w.folded.startsWith(t))));
          if (found.size > count) [best, count] = [text, found.size];
        }
        if (!best) continue;
        hits.push({
          canvasId: canvas.id,
          canvasName: canvas.name,
          nodeId: place.nodeId,
          ...(place.nodeType ? { nodeType: place.nodeType } : {}),
          snippet: snippet(best, terms),
          score: count * 1000 + (place.nodeId === null ? 100 : 0) + (canvas.updatedAt % 100) / 100,
          trashed: isTrashed,
        });
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, query.limit ?? 20);
  };

  const versionsOf = (canvasId) =>
    history.versions
      .filter((v) => v.info.canvasId === canvasId)
      .sort((a, b) => b.info.at - a.info.at || b.info.id - a.info.id);
  const versionOf = (canvasId, versionId) => {
    const kept = history.versions.find((v) => v.info.canvasId === canvasId && v.info.id === versionId);
    if (!kept) throw error('not_found', `version ${versionId} of canvas ${canvasId} was not found`);
    return kept;
  };

  commands.list_versions = ({ canvasId }) => versionsOf(canvasId).map((v) => v.info);
  commands.get_version = ({ canvasId, versionId }) => ({
    ...versionOf(canvasId, versionId).canvas,
    revision: versionOf(canvasId, versionId).info.revision,
  });
  commands.restore_version = ({ canvasId, versionId, nodeId }) => {
    const current = canvases.get(canvasId);
    if (!current) throw error('not_found', `canvas ${canvasId} not found`);
    const old = clone(versionOf(canvasId, versionId).canvas);
    let next;
    if (nodeId === null || nodeId === undefined) {
      next = { ...current, name: old.name, nodes: old.nodes, edges: old.edges };
    } else {
      const node = old.nodes.find((n) => n.id === nodeId);
      if (!node) throw error('not_found', `node ${nodeId} is not in version ${versionId}`);
      const nodes = current.nodes.some((n) => n.id === nodeId)
        ? current.nodes.map((n) => (n.id === nodeId ? node : n))
        : [...current.nodes, node];
      const present = new Set(nodes.map((n) => n.id));
      const touches = (e) => e.source === nodeId || e.target === nodeId;
      const kept = current.edges.filter((e) => !touches(e));
      const back = old.edges.filter(
        (e) =>
          touches(e) && present.has(e.source) && present.has(e.target) && !kept.some((k) => k.id === e.id),
      );
      next = { ...current, nodes, edges: [...kept, ...back] };
    }
    history.keep(current, 'restore');
    next.revision = current.revision + 1;
    next.updatedAt = now();
    canvases.set(canvasId, next);
    changed('saved', canvasId, next.revision);
    return next.revision;
  };
})();
