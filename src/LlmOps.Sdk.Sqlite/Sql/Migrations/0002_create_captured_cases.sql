-- Production calls captured into the registry (CaptureToRegistry), one row per call, in capture order (id).
-- item is the dataset item line exactly as a captured JSONL file holds it, so an export writes the same bytes;
-- the other columns repeat what a query filters on. captured_at is ISO 8601 in UTC, so that text order is time order.
CREATE TABLE llmops_captured_cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    prompt_name TEXT,
    prompt_version INTEGER,
    reason TEXT NOT NULL,
    response_id TEXT NOT NULL,
    item TEXT NOT NULL
);

CREATE INDEX llmops_captured_cases_dataset ON llmops_captured_cases (dataset, id);
