INSERT INTO llmops_captured_cases (dataset, captured_at, prompt_name, prompt_version, reason, response_id, item)
VALUES ($dataset, $captured_at, $prompt_name, $prompt_version, $reason, $response_id, $item);
