namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>Settings of a <see cref="SqlitePromptStore"/>: where its file is, and how often it looks for changes.</summary>
/// <remarks>Bound from the configuration section <c>LlmOps:Prompts:Sqlite</c> by <c>AddPromptsFromSqlite</c>.</remarks>
public sealed class SqlitePromptStoreOptions
{
    /// <summary>Gets or sets the path of the database file.</summary>
    /// <value>Required. A relative path is taken from the host's content root, as configuration files are.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets how often the store checks whether another process changed the file.</summary>
    /// <value>From 10 milliseconds to 1 hour. The default is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = SqliteConstants.DefaultPollInterval;

    /// <summary>Gets or sets whether a missing file is created, with an empty schema, when the store opens.</summary>
    /// <value>
    /// The default is <see langword="true"/>. Set it to <see langword="false"/> in services that must never start on an
    /// empty database because of a wrong path. A missing directory is never created.
    /// </value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>Gets or sets how long a write waits for another process's write to finish before it fails.</summary>
    /// <value>From 1 second to 10 minutes. The default is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = SqliteConstants.DefaultBusyTimeout;

    /// <summary>Gets or sets whether the store only reads: the file is opened read-only, never migrated nor switched to WAL.</summary>
    /// <value>
    /// The default is <see langword="false"/>. The <c>llmops</c> tool turns it on for dry runs and reading commands, so
    /// that they leave the file byte for byte as it was, even when its schema is older than this package's.
    /// </value>
    internal bool ReadOnly { get; set; }
}
