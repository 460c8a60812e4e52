-- The channel is a fixed name (PostgreSqlConstants.Channel): LISTEN takes no parameters.
LISTEN llmops_prompts
