-- Every write to a prompt holds this lock until it commits, so a second writer reads what the first one wrote.
SELECT name FROM llmops.prompts WHERE name = $1 FOR UPDATE
