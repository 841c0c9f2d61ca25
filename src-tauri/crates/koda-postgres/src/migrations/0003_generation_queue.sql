-- Koda schema version 3 (PostgreSQL): `generations` becomes a durable run queue, as SQLite's
-- migration 4: the statuses of a run's whole life, and `run` (JSONB) with what resuming needs.
ALTER TABLE generations DROP CONSTRAINT IF EXISTS generations_status_check;
ALTER TABLE generations ADD CONSTRAINT generations_status_check
  CHECK (status IN ('pending', 'submitted', 'processing', 'completed', 'failed', 'canceled'));
ALTER TABLE generations ADD COLUMN run JSONB;
CREATE INDEX idx_generations_open ON generations(status) WHERE status IN ('pending', 'submitted', 'processing');
