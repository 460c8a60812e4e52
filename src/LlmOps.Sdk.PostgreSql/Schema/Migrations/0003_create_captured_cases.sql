-- Production calls captured into the registry (CaptureToRegistry), one row per call, in capture order (id).
-- item is json, not jsonb: json keeps the text exactly as written, so an export gives the bytes a captured JSONL file
-- holds, and still refuses a row that is not JSON. The other columns repeat what a query filters on.
CREATE TABLE llmops.captured_cases (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset         text        NOT NULL CHECK (dataset ~ '^[A-Za-z0-9._/-]{1,200}$'),
    captured_at     timestamptz NOT NULL,
    prompt_name     text,
    prompt_version  integer,
    reason          text        NOT NULL,
    response_id     text        NOT NULL,
    item            json        NOT NULL
);

CREATE INDEX captured_cases_by_dataset ON llmops.captured_cases (dataset, id);
