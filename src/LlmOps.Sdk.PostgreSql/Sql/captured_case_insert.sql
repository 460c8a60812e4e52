INSERT INTO llmops.captured_cases (dataset, captured_at, prompt_name, prompt_version, reason, response_id, item)
VALUES ($1, $2, $3, $4, $5, $6, $7)
