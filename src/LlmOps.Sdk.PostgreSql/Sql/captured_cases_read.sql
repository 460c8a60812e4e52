SELECT captured_at, prompt_name, prompt_version, reason, response_id, item::text
FROM llmops.captured_cases
WHERE dataset = $1
  AND ($2::text IS NULL OR prompt_name = $2)
  AND ($3::integer IS NULL OR prompt_version = $3)
  AND ($4::text IS NULL OR reason = $4)
  AND ($5::timestamptz IS NULL OR captured_at >= $5)
ORDER BY id
