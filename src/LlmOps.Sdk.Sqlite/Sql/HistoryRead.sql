SELECT sequence, at, kind, name, version, label, before_targets, after_targets, actor, reason
FROM llmops_prompt_history WHERE name = $name ORDER BY sequence;
