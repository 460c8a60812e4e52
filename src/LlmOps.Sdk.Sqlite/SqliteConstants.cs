namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>The defaults and limits of the SQLite store, in one place.</summary>
internal static class SqliteConstants
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MinBusyTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The configuration section, under the <c>LlmOps</c> section, that <c>AddPromptsFromSqlite</c> binds.</summary>
    public const string SectionName = "Prompts:Sqlite";

    /// <summary>What the one row of <c>llmops_store</c> says, so that a file of ours is told from another application's.</summary>
    public const string Application = "LlmOps.Sdk prompts";

    /// <summary>The SQLite result codes the store tells apart (https://www.sqlite.org/rescode.html).</summary>
    public const int Corrupt = 11;
    public const int CannotOpen = 14;
    public const int NotADatabase = 26;

    /// <summary>The schema version that created the captured cases table (0002); an older file holds none.</summary>
    public const int CapturedCasesSchemaVersion = 2;
}
