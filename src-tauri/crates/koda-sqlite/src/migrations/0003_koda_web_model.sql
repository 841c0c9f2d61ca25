-- Koda schema version 3: Koda web's canvas model becomes Koda Desktop's own.
--   * canvases.extra keeps Koda web's canvas fields the seed has no column for (category, tags,
--     readOnly, and any other), as one JSON object, so they round-trip unchanged.
ALTER TABLE canvases ADD COLUMN extra TEXT;

--   * Remote outputs (fal CDN, R2 public URLs) are downloaded once and kept as assets whose `url`
--     is the address they came from; this finds them again offline.
CREATE INDEX idx_assets_url ON assets(url) WHERE url IS NOT NULL;

--   * Canvases made by earlier Koda Desktop versions move to Koda web's node model (node types,
--     data field names, handle ids), so both apps read the same canvas without conversion. Only
--     shapes Koda web never writes are touched: a Koda web canvas imported earlier is left as it is.
--     Edges first: they are recognised by the old type of the nodes they join.
UPDATE canvas_edges SET source_handle = 'output'
WHERE source_handle IN ('text', 'image', 'video')
  AND (canvas_id, source_node_id) IN (
    SELECT canvas_id, id FROM canvas_nodes
    WHERE type IN ('prompt', 'imageGenerator', 'videoGenerator')
       OR (type = 'media' AND (json_type(data, '$.src') IS NOT NULL OR json_type(data, '$.kind') IS NOT NULL)));

UPDATE canvas_edges SET target_handle = 'text'
WHERE target_handle = 'prompt'
  AND (canvas_id, target_node_id) IN (
    SELECT canvas_id, id FROM canvas_nodes WHERE type IN ('imageGenerator', 'videoGenerator'));

UPDATE canvas_edges SET target_handle = 'firstFrame'
WHERE target_handle = 'image'
  AND (canvas_id, target_node_id) IN (SELECT canvas_id, id FROM canvas_nodes WHERE type = 'videoGenerator');

-- prompt → text: its words move from `text` to `content`.
UPDATE canvas_nodes SET type = 'text',
  data = CASE WHEN json_type(data, '$.text') IS NULL THEN json_set(data, '$.content', '')
              ELSE json_remove(json_set(data, '$.content', json(data -> '$.text')), '$.text') END
WHERE type = 'prompt';

-- Sticky notes: `text` → `content`; groups: `label` → `name` (only where Koda web's field is absent).
UPDATE canvas_nodes SET data = json_remove(json_set(data, '$.content', json(data -> '$.text')), '$.text')
WHERE type = 'stickyNote' AND json_type(data, '$.text') IS NOT NULL AND json_type(data, '$.content') IS NULL;

UPDATE canvas_nodes SET data = json_remove(json_set(data, '$.name', json(data -> '$.label')), '$.label')
WHERE type = 'group' AND json_type(data, '$.label') IS NOT NULL AND json_type(data, '$.name') IS NULL;

-- Media: `src` → `url`, `kind` → `type` (`filename` stays).
UPDATE canvas_nodes SET data = json_remove(json_set(data, '$.url', json(data -> '$.src')), '$.src')
WHERE type = 'media' AND json_type(data, '$.src') IS NOT NULL AND json_type(data, '$.url') IS NULL;

UPDATE canvas_nodes SET data = json_remove(json_set(data, '$.type', json(data -> '$.kind')), '$.kind')
WHERE type = 'media' AND json_type(data, '$.kind') IS NOT NULL AND json_type(data, '$.type') IS NULL;

-- Generator models: the display labels earlier versions stored become Koda web's model ids.
UPDATE canvas_nodes SET data = json_set(data, '$.model', CASE json_extract(data, '$.model')
    WHEN 'Flux 1.1 Pro' THEN 'flux-pro'
    WHEN 'Flux Schnell' THEN 'flux-schnell'
    WHEN 'Stable Diffusion 3.5' THEN 'sd-3.5'
    WHEN 'Imagen 4' THEN 'nanobanana-pro'
    WHEN 'GPT Image 1' THEN 'nanobanana-pro'
    WHEN 'Ideogram 3' THEN 'ideogram-v3' END)
WHERE type = 'imageGenerator' AND json_extract(data, '$.model') IN
  ('Flux 1.1 Pro', 'Flux Schnell', 'Stable Diffusion 3.5', 'Imagen 4', 'GPT Image 1', 'Ideogram 3');

UPDATE canvas_nodes SET data = json_set(data, '$.model', CASE json_extract(data, '$.model')
    WHEN 'Veo 3' THEN 'veo-3'
    WHEN 'Kling 2.1' THEN 'kling-2.6-i2v'
    WHEN 'Runway Gen-4' THEN 'runway-gen3'
    WHEN 'Luma Ray 2' THEN 'luma-ray2'
    WHEN 'Hailuo 02' THEN 'hailuo-02-i2v' END)
WHERE type = 'videoGenerator' AND json_extract(data, '$.model') IN
  ('Veo 3', 'Kling 2.1', 'Runway Gen-4', 'Luma Ray 2', 'Hailuo 02');
