-- Koda schema version 2: bookkeeping for optional cloud sync, and canvas history.
-- Nothing here changes how the app stores canvases; with sync off these tables stay empty
-- and cost nothing (the triggers that fill the outbox exist only while sync is on).

-- Key/value state of the sync engine: this device's id, the clock, the last pulled position,
-- whether sync is on, the remote URL and the encrypted token.
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

-- Rows changed locally and not yet pushed, one entry per row (later changes replace earlier
-- ones: only the row's latest state travels). `changed_at` is the wall time of the change,
-- which becomes the row's hybrid logical clock when it is pushed.
CREATE TABLE sync_outbox (
  entity TEXT NOT NULL,
  canvas_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  -- The clock value given to this change when a sync first saw it; NULL until then, and reset
  -- to NULL when the row changes again.
  hlc TEXT,
  PRIMARY KEY (entity, canvas_id, row_id)
) STRICT;

-- The clock value of the version of each row this device holds, to decide conflicts.
CREATE TABLE sync_versions (
  entity TEXT NOT NULL,
  canvas_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (entity, canvas_id, row_id)
) STRICT;

-- Versions of rows that were replaced by sync (the loser of a conflict, or a local version a
-- remote change overwrote), so nothing is silently lost: the user can restore them.
CREATE TABLE canvas_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  canvas_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  -- JSON of the replaced row; NULL when the replaced version was a deletion.
  payload TEXT,
  hlc TEXT,
  replaced_by_hlc TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_canvas_history_canvas ON canvas_history(canvas_id, id);
