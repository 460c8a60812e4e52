SELECT targets FROM llmops_prompt_labels WHERE name = $name AND label = $label;
