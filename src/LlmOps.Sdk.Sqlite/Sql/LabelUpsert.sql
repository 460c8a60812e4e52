INSERT INTO llmops_prompt_labels (name, label, targets) VALUES ($name, $label, $targets)
ON CONFLICT (name, label) DO UPDATE SET targets = excluded.targets;
