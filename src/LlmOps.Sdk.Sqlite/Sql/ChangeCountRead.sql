SELECT change_count FROM llmops_store WHERE id = 1;
