using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Settings for a <see cref="PostgreSqlPromptStore"/>; bound from configuration section <c>LlmOps:Prompts:PostgreSql</c>.</summary>
public sealed class PostgreSqlPromptStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string; not needed when an <c>NpgsqlDataSource</c> is given or registered.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets whether the store creates and upgrades its tables when it starts.</summary>
    /// <value>
    /// The default is <see langword="true"/>. A reader role that may not create tables can leave it on: nothing is
    /// written when the schema is already current. Off, a schema older than the code fails the start.
    /// </value>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Gets or sets whether the store listens for changes (LISTEN/NOTIFY), so registries serve them at once.</summary>
    /// <value>The default is <see langword="true"/>. Off, changes are served as cached prompts expire.</value>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>Gets or sets whether the store only reads: it never migrates, never writes, and takes a missing schema for an empty store.</summary>
    /// <value>
    /// The default is <see langword="false"/>. The <c>llmops</c> tool turns it on for dry runs and reading commands, so
    /// that they work as a reader login and leave a database without the schema as it was.
    /// </value>
    internal bool ReadOnly { get; set; }

    /// <summary>Gets or sets the first pause before the listener reconnects after losing its connection; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    /// <value>From 10 milliseconds to 1 minute. The default is 1 second.</value>
    [TimeSpanRange("00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = PostgreSqlConstants.DefaultReconnectDelay;

    /// <summary>Gets or sets the longest pause between the listener's attempts to reconnect.</summary>
    /// <value>From 10 milliseconds to 10 minutes. The default is 30 seconds.</value>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = PostgreSqlConstants.DefaultMaxReconnectDelay;

    /// <summary>Gets or sets how long the listener waits quietly before it checks that its connection is still alive.</summary>
    /// <value>From 1 second to 1 hour. The default is 30 seconds.</value>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = PostgreSqlConstants.DefaultKeepAliveInterval;
}
