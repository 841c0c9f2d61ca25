-- Version history and full-text search (issue 15).
--
-- canvas_versions: one reverse delta per write (the rows it touched, as they were before), so
-- any version can be rebuilt from the current canvas; pruning folds old deltas together.
CREATE TABLE canvas_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    source TEXT NOT NULL,
    author TEXT,
    before_revision INTEGER NOT NULL,
    before_name TEXT NOT NULL,
    before_node_count INTEGER NOT NULL,
    before_updated_at INTEGER NOT NULL,
    delta TEXT NOT NULL
);
CREATE INDEX idx_canvas_versions_canvas ON canvas_versions(canvas_id, id);

-- search_text: the searchable words of each node ('' = the canvas's name and description),
-- kept in the same transaction as every save; search_fts indexes it (external content).
CREATE TABLE search_text (
    id INTEGER PRIMARY KEY,
    canvas_id TEXT NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL DEFAULT '',
    node_type TEXT,
    text TEXT NOT NULL,
    UNIQUE (canvas_id, node_id)
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    text,
    content = 'search_text',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
    INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
    INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER search_text_au AFTER UPDATE OF text ON search_text BEGIN
    INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text);
END;
