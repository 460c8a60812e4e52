SELECT label, versions, weights FROM llmops.prompt_labels WHERE name = $1
