-- Koda schema version 2 (PostgreSQL): Koda web's canvas model becomes Koda Desktop's own.
--   * canvases.extra keeps Koda web's canvas fields the seed has no column for (category, tags,
--     readOnly, and any other), as one JSON object, so they round-trip unchanged.
ALTER TABLE canvases ADD COLUMN extra JSONB;

--   * Remote outputs (fal CDN, R2 public URLs) are downloaded once and kept as assets whose `url`
--     is the address they came from; this finds them again offline.
CREATE INDEX idx_assets_url ON assets(url) WHERE url IS NOT NULL;

--   * Canvases made by earlier Koda Desktop versions move to Koda web's node model (node types,
--     data field names, handle ids), exactly as SQLite's migration 3 does. Only shapes Koda web
--     never writes are touched. Edges first: they are recognised by the old type of their nodes.
UPDATE canvas_edges e SET source_handle = 'output'
WHERE e.source_handle IN ('text', 'image', 'video')
  AND EXISTS (
    SELECT 1 FROM canvas_nodes n
    WHERE n.canvas_id = e.canvas_id AND n.id = e.source_node_id
      AND (n.type IN ('prompt', 'imageGenerator', 'videoGenerator')
           OR (n.type = 'media' AND (n.data ? 'src' OR n.data ? 'kind'))));

UPDATE canvas_edges e SET target_handle = 'text'
WHERE e.target_handle = 'prompt'
  AND EXISTS (
    SELECT 1 FROM canvas_nodes n
    WHERE n.canvas_id = e.canvas_id AND n.id = e.target_node_id
      AND n.type IN ('imageGenerator', 'videoGenerator'));

UPDATE canvas_edges e SET target_handle = 'firstFrame'
WHERE e.target_handle = 'image'
  AND EXISTS (
    SELECT 1 FROM canvas_nodes n
    WHERE n.canvas_id = e.canvas_id AND n.id = e.target_node_id AND n.type = 'videoGenerator');

UPDATE canvas_nodes SET type = 'text',
  data = CASE WHEN data ? 'text' THEN (data - 'text') || jsonb_build_object('content', data -> 'text')
              ELSE data || '{"content": ""}'::jsonb END
WHERE type = 'prompt';

UPDATE canvas_nodes SET data = (data - 'text') || jsonb_build_object('content', data -> 'text')
WHERE type = 'stickyNote' AND data ? 'text' AND NOT data ? 'content';

UPDATE canvas_nodes SET data = (data - 'label') || jsonb_build_object('name', data -> 'label')
WHERE type = 'group' AND data ? 'label' AND NOT data ? 'name';

UPDATE canvas_nodes SET data = (data - 'src') || jsonb_build_object('url', data -> 'src')
WHERE type = 'media' AND data ? 'src' AND NOT data ? 'url';

UPDATE canvas_nodes SET data = (data - 'kind') || jsonb_build_object('type', data -> 'kind')
WHERE type = 'media' AND data ? 'kind' AND NOT data ? 'type';

UPDATE canvas_nodes SET data = jsonb_set(data, '{model}', to_jsonb(CASE data ->> 'model'
    WHEN 'Flux 1.1 Pro' THEN 'flux-pro'
    WHEN 'Flux Schnell' THEN 'flux-schnell'
    WHEN 'Stable Diffusion 3.5' THEN 'sd-3.5'
    WHEN 'Imagen 4' THEN 'nanobanana-pro'
    WHEN 'GPT Image 1' THEN 'nanobanana-pro'
    WHEN 'Ideogram 3' THEN 'ideogram-v3' END))
WHERE type = 'imageGenerator' AND data ->> 'model' IN
  ('Flux 1.1 Pro', 'Flux Schnell', 'Stable Diffusion 3.5', 'Imagen 4', 'GPT Image 1', 'Ideogram 3');

UPDATE canvas_nodes SET data = jsonb_set(data, '{model}', to_jsonb(CASE data ->> 'model'
    WHEN 'Veo 3' THEN 'veo-3'
    WHEN 'Kling 2.1' THEN 'kling-2.6-i2v'
    WHEN 'Runway Gen-4' THEN 'runway-gen3'
    WHEN 'Luma Ray 2' THEN 'luma-ray2'
    WHEN 'Hailuo 02' THEN 'hailuo-02-i2v' END))
WHERE type = 'videoGenerator' AND data ->> 'model' IN
  ('Veo 3', 'Kling 2.1', 'Runway Gen-4', 'Luma Ray 2', 'Hailuo 02');
