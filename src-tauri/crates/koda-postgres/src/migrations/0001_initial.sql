-- Koda on PostgreSQL, schema version 1: the seed's seven tables and six indexes in PostgreSQL
-- types, with the same additions as the SQLite schema (revision, viewport, trash, node count,
-- draw order, unmodelled fields, change log). Differences from SQLite, and why:
--   * JSON columns are JSONB (the seed's choice): queryable and validated by the server.
--   * Times are TIMESTAMPTZ; the app speaks epoch milliseconds, converted by koda_ts / koda_ms.
--   * Flags are BOOLEAN.
--   * change_log.origin names the app instance that wrote the row, so an instance can tell its own
--     NOTIFY messages from a teammate's.

-- Epoch milliseconds <-> TIMESTAMPTZ, exact to the millisecond (integer arithmetic, no floats).
CREATE FUNCTION koda_ts(ms BIGINT) RETURNS TIMESTAMPTZ
  LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
  RETURN TIMESTAMPTZ 'epoch' + ms * INTERVAL '1 millisecond';

CREATE FUNCTION koda_ms(at TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
  RETURN floor(extract(epoch FROM at) * 1000)::BIGINT;

-- One row per person; on a team database each app instance signs in as its local profile.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE,
  name TEXT,
  avatar_url TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE canvases (
  id TEXT PRIMARY KEY,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  thumbnail TEXT,
  is_template BOOLEAN NOT NULL DEFAULT FALSE,
  is_public BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  revision BIGINT NOT NULL DEFAULT 0,
  viewport_x DOUBLE PRECISION,
  viewport_y DOUBLE PRECISION,
  viewport_zoom DOUBLE PRECISION,
  deleted_at TIMESTAMPTZ,
  node_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE canvas_nodes (
  id TEXT NOT NULL,
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  position_x DOUBLE PRECISION NOT NULL,
  position_y DOUBLE PRECISION NOT NULL,
  width DOUBLE PRECISION,
  height DOUBLE PRECISION,
  data JSONB NOT NULL,
  z_index BIGINT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  ord BIGINT NOT NULL,
  extra JSONB,
  PRIMARY KEY (canvas_id, id)
);

CREATE TABLE canvas_edges (
  id TEXT NOT NULL,
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  source_node_id TEXT NOT NULL,
  source_handle TEXT,
  target_node_id TEXT NOT NULL,
  target_handle TEXT,
  type TEXT,
  ord BIGINT NOT NULL,
  extra JSONB,
  PRIMARY KEY (canvas_id, id)
);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  canvas_id TEXT REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT,
  type TEXT NOT NULL CHECK (type IN ('image', 'video', 'audio')),
  filename TEXT,
  mime_type TEXT,
  size_bytes BIGINT,
  url TEXT,
  local_blob_key TEXT,
  metadata JSONB,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE generations (
  id TEXT PRIMARY KEY,
  canvas_id TEXT REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT,
  user_id TEXT REFERENCES users(id),
  model TEXT NOT NULL,
  prompt TEXT,
  parameters JSONB,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  result_asset_id TEXT REFERENCES assets(id) ON DELETE SET NULL,
  error_message TEXT,
  duration_ms BIGINT,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE user_settings (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  theme TEXT NOT NULL DEFAULT 'dark',
  default_model TEXT,
  api_keys_encrypted TEXT,
  preferences JSONB,
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE change_log (
  seq BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  canvas_id TEXT,
  revision BIGINT,
  at TIMESTAMPTZ NOT NULL,
  origin TEXT NOT NULL
);

-- Appends a change and queues its NOTIFY (delivered at commit only) in one round trip. The
-- advisory lock, held until commit, makes rows commit in seq order, so a reader of the log
-- never skips a row that committed late.
CREATE FUNCTION koda_record_change(p_kind TEXT, p_canvas_id TEXT, p_revision BIGINT, p_at BIGINT,
                                   p_origin TEXT, p_channel TEXT) RETURNS BIGINT
  LANGUAGE plpgsql AS $$
DECLARE
  v_seq BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(1802464355); -- 'kodc'
  INSERT INTO change_log (kind, canvas_id, revision, at, origin)
    VALUES (p_kind, p_canvas_id, p_revision, koda_ts(p_at), p_origin)
    RETURNING seq INTO v_seq;
  PERFORM pg_notify(p_channel, json_build_object(
    'origin', p_origin,
    'event', json_build_object('seq', v_seq, 'kind', p_kind, 'canvasId', p_canvas_id,
                               'revision', p_revision, 'at', p_at))::text);
  RETURN v_seq;
END
$$;

CREATE INDEX idx_canvases_user ON canvases(user_id);
CREATE INDEX idx_canvases_updated ON canvases(updated_at DESC);
CREATE INDEX idx_nodes_canvas ON canvas_nodes(canvas_id, ord);
CREATE INDEX idx_edges_canvas ON canvas_edges(canvas_id, ord);
CREATE INDEX idx_assets_canvas ON assets(canvas_id);
CREATE INDEX idx_generations_canvas ON generations(canvas_id);
