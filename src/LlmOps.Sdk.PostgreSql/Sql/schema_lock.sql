-- Held until the migration's transaction ends, so instances starting together migrate one at a time.
SELECT pg_advisory_xact_lock($1)
