-- The first schema of an LlmOps prompt database: versions, labels, their history, and a change counter.

-- One row; the application name tells an LlmOps prompt database from another application's file.
CREATE TABLE llmops_store (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    application TEXT NOT NULL,
    change_count INTEGER NOT NULL
);

INSERT INTO llmops_store (id, application, change_count) VALUES (1, 'LlmOps.Sdk prompts', 0);

-- Published versions never change: no statement of ours updates or deletes a row here.
-- document is the PromptVersionJson text, the same document every LlmOps store keeps.
CREATE TABLE llmops_prompt_versions (
    name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    content_hash TEXT NOT NULL,
    document TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (name, version)
) WITHOUT ROWID;

CREATE INDEX llmops_prompt_versions_hash ON llmops_prompt_versions (name, content_hash);

-- targets is a JSON array of {"version": n, "weight": w}, in the order the traffic split uses.
CREATE TABLE llmops_prompt_labels (
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    targets TEXT NOT NULL,
    PRIMARY KEY (name, label)
) WITHOUT ROWID;

CREATE TABLE llmops_prompt_history (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER,
    label TEXT,
    before_targets TEXT NOT NULL,
    after_targets TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL
);

CREATE INDEX llmops_prompt_history_name ON llmops_prompt_history (name, sequence);
