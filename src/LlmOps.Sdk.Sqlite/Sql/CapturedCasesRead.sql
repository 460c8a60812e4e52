SELECT captured_at, prompt_name, prompt_version, reason, response_id, item
FROM llmops_captured_cases
WHERE dataset = $dataset
  AND ($prompt_name IS NULL OR prompt_name = $prompt_name)
  AND ($prompt_version IS NULL OR prompt_version = $prompt_version)
  AND ($reason IS NULL OR reason = $reason)
  AND ($since IS NULL OR captured_at >= $since)
ORDER BY id;
