-- Takes the lease when it is free or expired, or extends it for its holder, in one atomic statement: of two instances
-- asking at once, one inserts or updates and the other finds the row locked, then sees it held and gets no row.
-- now() is the database's clock, so instances whose own clocks differ still agree on when the lease expires.
INSERT INTO llmops.leases AS lease (name, holder, acquired_at, expires_at)
VALUES ($1, $2, now(), now() + $3)
ON CONFLICT (name) DO UPDATE
SET holder = excluded.holder,
    acquired_at = CASE WHEN lease.holder = excluded.holder THEN lease.acquired_at ELSE excluded.acquired_at END,
    expires_at = excluded.expires_at
WHERE lease.expires_at < now() OR lease.holder = excluded.holder
RETURNING holder
