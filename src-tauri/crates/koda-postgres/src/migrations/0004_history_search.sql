-- Koda schema version 4 (PostgreSQL): version history and full-text search, as SQLite's
-- migration 5. Search text is folded (lower case, no accents) by the app before it is stored,
-- so no extension (unaccent) is needed on the server.
CREATE TABLE canvas_versions (
  id BIGSERIAL PRIMARY KEY,
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  at TIMESTAMPTZ NOT NULL,
  source TEXT NOT NULL,
  author TEXT,
  before_revision BIGINT NOT NULL,
  before_name TEXT NOT NULL,
  before_node_count BIGINT NOT NULL,
  before_updated_at TIMESTAMPTZ NOT NULL,
  delta TEXT NOT NULL
);
CREATE INDEX idx_canvas_versions_canvas ON canvas_versions(canvas_id, id);

CREATE TABLE search_text (
  canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL DEFAULT '',
  node_type TEXT,
  text TEXT NOT NULL,
  tsv TSVECTOR NOT NULL,
  PRIMARY KEY (canvas_id, node_id)
);
CREATE INDEX idx_search_text_tsv ON search_text USING GIN (tsv);
