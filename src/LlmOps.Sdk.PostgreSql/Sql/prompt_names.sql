-- Ordinal order, as IPromptAdmin promises, whatever the database's collation.
SELECT name FROM llmops.prompts ORDER BY name COLLATE "C"
