CREATE TABLE IF NOT EXISTS llmops_schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
);
