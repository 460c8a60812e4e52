SELECT
    (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'llmops_schema_version') AS has_version_table,
    (SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)) AS tables;
