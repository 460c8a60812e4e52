DELETE FROM llmops.prompt_labels WHERE name = $1 AND label = $2
