SELECT DISTINCT name FROM llmops_prompt_versions ORDER BY name;
