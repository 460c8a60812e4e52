UPDATE llmops_store SET change_count = change_count + 1 WHERE id = 1;
