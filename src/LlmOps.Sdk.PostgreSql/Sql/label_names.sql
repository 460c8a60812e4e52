SELECT label FROM llmops.prompt_labels WHERE name = $1
