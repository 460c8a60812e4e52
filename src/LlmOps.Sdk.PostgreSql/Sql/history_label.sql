-- A label's moves, newest first, for rolling it back.
SELECT sequence, at, kind, name, version, label, before_versions, before_weights, after_versions, after_weights, actor, reason
FROM llmops.prompt_history WHERE name = $1 AND label = $2 ORDER BY sequence DESC
