-- Leases: one row per role that one instance of a fleet holds at a time (today 'rollouts': the instance that decides
-- guarded rollouts). Expiry is judged on the database's clock, the one clock every instance shares.
CREATE TABLE llmops.leases (
    name         text        PRIMARY KEY,
    holder       text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
