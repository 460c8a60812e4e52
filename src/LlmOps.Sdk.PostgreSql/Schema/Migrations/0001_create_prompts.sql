-- The prompt store's tables. Everything lives in the schema llmops, so the store's objects never mix with the host's.
-- Names and labels are checked by the SDK before they get here; the CHECKs keep hand-written rows to the same rules.

-- Not CREATE SCHEMA IF NOT EXISTS: that needs CREATE on the database even when the schema exists, and an
-- administrator may have created it for the writer role (see the README), which then owns it without that privilege.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'llmops') THEN
        CREATE SCHEMA llmops;
    END IF;
END
$$;

-- One row per schema script applied; the highest version is the schema's version.
CREATE TABLE IF NOT EXISTS llmops.schema_migrations (
    version     integer     PRIMARY KEY,
    name        text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per prompt name: writers lock it (SELECT ... FOR UPDATE), so changes to one prompt happen one at a time.
CREATE TABLE llmops.prompts (
    name        text        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._/-]{1,200}$'),
    created_at  timestamptz NOT NULL
);

-- Published versions are immutable: there is no UPDATE of this table anywhere.
-- The document is the version as JSON text, not jsonb, which would reformat it and change what the hash covers.
CREATE TABLE llmops.prompt_versions (
    name          text        NOT NULL REFERENCES llmops.prompts (name),
    version       integer     NOT NULL CHECK (version >= 1),
    content_hash  text        NOT NULL,
    document      text        NOT NULL,
    published_at  timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);

-- Where each label points: parallel arrays of versions and their weights.
CREATE TABLE llmops.prompt_labels (
    name        text               NOT NULL REFERENCES llmops.prompts (name),
    label       text               NOT NULL CHECK (label ~ '^[A-Za-z0-9._/-]{1,200}$'),
    versions    integer[]          NOT NULL CHECK (cardinality(versions) >= 1),
    weights     double precision[] NOT NULL CHECK (cardinality(weights) = cardinality(versions)),
    updated_at  timestamptz        NOT NULL,
    PRIMARY KEY (name, label)
);

-- Every publish and label change, in order; rollbacks read it to find where a label pointed before.
-- Actor and reason are JSON string literals ("alice"), so that any text a caller gives, NUL included, is kept exactly.
CREATE TABLE llmops.prompt_history (
    sequence        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz        NOT NULL,
    kind            text               NOT NULL CHECK (kind IN ('publish', 'label_set', 'label_remove', 'rollback')),
    name            text               NOT NULL REFERENCES llmops.prompts (name),
    version         integer,
    label           text,
    before_versions integer[]          NOT NULL,
    before_weights  double precision[] NOT NULL,
    after_versions  integer[]          NOT NULL,
    after_weights   double precision[] NOT NULL,
    actor           text               NOT NULL,
    reason          text               NOT NULL
);

CREATE INDEX prompt_history_by_label ON llmops.prompt_history (name, label, sequence);
