SELECT application FROM llmops_store WHERE id = 1;
