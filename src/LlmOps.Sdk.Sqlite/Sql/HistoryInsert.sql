INSERT INTO llmops_prompt_history (at, kind, name, version, label, before_targets, after_targets, actor, reason)
VALUES ($at, $kind, $name, $version, $label, $before, $after, $actor, $reason);
