-- Koda schema version 4: `generations` becomes a durable run queue.
--   * Statuses of a run's whole life: pending (recorded, not yet sent) → submitted (the provider
--     answered with a request id) → processing → completed | failed | canceled.
--   * `run` (JSON) keeps what resuming needs: the provider, its request id and queue addresses,
--     when it was sent, the result assets, the estimated cost. Written the moment each is known,
--     so a run interrupted by a crash is followed, never sent twice.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with its rows.
CREATE TABLE generations_v4 (
  id TEXT PRIMARY KEY NOT NULL,
  canvas_id TEXT REFERENCES canvases(id) ON DELETE CASCADE,
  node_id TEXT,
  user_id TEXT REFERENCES users(id),
  model TEXT NOT NULL,
  prompt TEXT,
  parameters TEXT,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'submitted', 'processing', 'completed', 'failed', 'canceled')),
  result_asset_id TEXT REFERENCES assets(id) ON DELETE SET NULL,
  error_message TEXT,
  duration_ms INTEGER,
  created_at INTEGER NOT NULL,
  run TEXT
) STRICT;

INSERT INTO generations_v4 (id, canvas_id, node_id, user_id, model, prompt, parameters, status,
                            result_asset_id, error_message, duration_ms, created_at)
SELECT id, canvas_id, node_id, user_id, model, prompt, parameters, status,
       result_asset_id, error_message, duration_ms, created_at
FROM generations;

DROP TABLE generations;
ALTER TABLE generations_v4 RENAME TO generations;
CREATE INDEX idx_generations_canvas ON generations(canvas_id);
-- Runs still in flight, found at every start without reading the history.
CREATE INDEX idx_generations_open ON generations(status) WHERE status IN ('pending', 'submitted', 'processing');
