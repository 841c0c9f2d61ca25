-- Koda schema version 1: the seed's seven tables and six indexes, plus what a desktop app needs.
-- Differences from the seed, and why:
--   * STRICT tables: SQLite then refuses a TEXT in a REAL column instead of storing it silently.
--   * Timestamps are INTEGER epoch milliseconds (the seed's TIMESTAMP): StoredCanvas uses ms.
--   * JSON columns are TEXT holding JSON (STRICT has no JSON type); the app validates it.
--   * canvas_nodes / canvas_edges are keyed by (canvas_id, id), not id alone: React Flow ids such
--     as "node-1" repeat across canvases, and a duplicated canvas keeps its node ids.
--   * Edges carry no foreign key to their nodes: the app deletes a node's edges in the same
--     transaction, and sync may deliver an edge row before its node row.

-- The seed's users table; Koda Desktop keeps one row, the local profile ('local').
CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT UNIQUE,
  name TEXT,
  avatar_url TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE canvases (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  thumbnail TEXT,
  is_template INTEGER NOT NULL DEFAULT 0 CHECK (is_template IN (0, 1)),
  is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Incremental saves name the revision they were based on; a stale one is a conflict.
  revision INTEGER NOT NULL DEFAULT 0,
  -- The camera, restored when the canvas is opened again.
  viewport_x REAL,
  viewport_y REAL,
  viewport_zoom REAL,
  -- Soft delete: a trashed canvas keeps everything until it is purged.
  deleted_at INTEGER,
  -- Kept exact by every write in the same transaction, so the dashboard lists real counts
  -- without counting rows (`koda doctor` checks it against the rows).
  node_count INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE canvas_nodes (
  id TEXT NOT NULL,
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  position_x REAL NOT NULL,
  position_y REAL NOT NULL,
  width REAL,
  height REAL,
  data TEXT NOT NULL,
  -- NULL when the node sets no zIndex, so such a node round-trips without one.
  z_index INTEGER DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Position in the canvas's nodes array: React Flow draws nodes in array order.
  ord INTEGER NOT NULL,
  -- JSON object of the React Flow fields Koda does not model (parentId, style, ...), kept verbatim.
  extra TEXT,
  PRIMARY KEY (canvas_id, id)
) STRICT;

CREATE TABLE canvas_edges (
  id TEXT NOT NULL,
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  source_node_id TEXT NOT NULL,
  source_handle TEXT,
  target_node_id TEXT NOT NULL,
  target_handle TEXT,
  type TEXT DEFAULT 'default',
  ord INTEGER NOT NULL,
  extra TEXT,
  PRIMARY KEY (canvas_id, id)
) STRICT;

CREATE TABLE assets (
  id TEXT PRIMARY KEY NOT NULL,
  canvas_id TEXT REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT,
  type TEXT NOT NULL CHECK (type IN ('image', 'video', 'audio')),
  filename TEXT,
  mime_type TEXT,
  size_bytes INTEGER,
  url TEXT,
  local_blob_key TEXT,
  metadata TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE generations (
  id TEXT PRIMARY KEY NOT NULL,
  canvas_id TEXT REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT,
  user_id TEXT REFERENCES users(id),
  model TEXT NOT NULL,
  prompt TEXT,
  parameters TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  -- SET NULL (the seed has no action): removing an asset must not be blocked by its history.
  result_asset_id TEXT REFERENCES assets(id) ON DELETE SET NULL,
  error_message TEXT,
  duration_ms INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE user_settings (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  theme TEXT NOT NULL DEFAULT 'dark',
  default_model TEXT,
  api_keys_encrypted TEXT,
  preferences TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

-- Every committed write, in order: the source of change events for other windows and processes,
-- and the hook for sync.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  canvas_id TEXT,
  revision INTEGER,
  at INTEGER NOT NULL
) STRICT;

-- The seed's six indexes. The node and edge ones add `ord` after `canvas_id`, so a canvas loads in
-- draw order without a sort; their leading column is the seed's.
CREATE INDEX idx_canvases_user ON canvases(user_id);
CREATE INDEX idx_canvases_updated ON canvases(updated_at DESC);
CREATE INDEX idx_nodes_canvas ON canvas_nodes(canvas_id, ord);
CREATE INDEX idx_edges_canvas ON canvas_edges(canvas_id, ord);
CREATE INDEX idx_assets_canvas ON assets(canvas_id);
CREATE INDEX idx_generations_canvas ON generations(canvas_id);

INSERT INTO users (id, name, created_at) VALUES ('local', 'You', CAST(unixepoch('subsec') * 1000 AS INTEGER));
