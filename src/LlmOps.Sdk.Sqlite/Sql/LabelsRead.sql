SELECT label, targets FROM llmops_prompt_labels WHERE name = $name ORDER BY label;
