-- Sent inside the writing transaction: PostgreSQL delivers it to every listener when, and only if, the write commits.
SELECT pg_notify($1, $2)
