using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>Prompts, changes and stores the PostgreSQL tests share.</summary>
internal static class PostgreSqlTestPrompts
{
    public static readonly PromptChange Change = new("tests", "set up");

    public static PromptVersion Text(string name, int version) => new(name, version, $"Hello {{{{who}}}}, this is {name} v{version}.");

    public static IReadOnlyList<PromptVersionWeight> To(int version) => [new PromptVersionWeight(version)];

    /// <summary>A store that reconnects quickly, for tests that cut its connection.</summary>
    public static PostgreSqlPromptStore Store(string connectionString, TimeProvider? time = null, bool listen = true) =>
        new(connectionString, new PostgreSqlPromptStoreOptions
        {
            ListenForChanges = listen,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        }, time);

    /// <summary>Publishes versions 1..<paramref name="versions"/> of a prompt and points <c>production</c> at version 1.</summary>
    public static async Task SeedAsync(IPromptAdmin admin, string name, int versions = 2)
    {
        for (var v = 1; v <= versions; v++)
        {
            await admin.PublishAsync(Text(name, v), Change);
        }

        await admin.SetLabelAsync(name, "production", To(1), expected: null, Change);
    }
}
