namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>The store's defaults and fixed names, in one place.</summary>
internal static class PostgreSqlConstants
{
    /// <summary>The configuration section the store's options are bound from.</summary>
    public const string ConfigurationSection = "LlmOps:Prompts:PostgreSql";

    /// <summary>The NOTIFY channel every change is announced on; the payload is the prompt's name.</summary>
    public const string Channel = "llmops_prompts";

    /// <summary>The advisory lock key that serialises migrations: "llmops" read as a number.</summary>
    public const long MigrationLockKey = 0x6C6C_6D6F_7073;

    /// <summary>The lease row of the instance that decides guarded rollouts.</summary>
    public const string RolloutLeaseName = "rollouts";

    /// <summary>The schema version that created the captured cases table (0003); an older schema holds none.</summary>
    public const int CapturedCasesSchemaVersion = 3;

    public static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxReconnectDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(30);
}
