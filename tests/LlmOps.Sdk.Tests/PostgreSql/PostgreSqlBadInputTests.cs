using LlmOps.Sdk.Prompts;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>Quotes, semicolons, SQL comments, NUL characters and long strings: stored exactly, or refused with a clear error.</summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlBadInputTests(PostgreSqlFixture fixture)
{
    public static TheoryData<string> HostileText() =>
    [
        "it's \"quoted\" and `ticked`",
        "x'); DROP TABLE llmops.prompts; --",
        "/* not a comment */ -- nor this\n; SELECT pg_sleep(10);",
        "$$ dollar $tag$ quoted $$ \\ backslash \\' E'\\x00'",
        "é ✓ 😀 \u202e right-to-left",
        string.Concat(Enumerable.Repeat("0123456789'\";-- ", 640)), // 10 KB
    ];

    [SkippableTheory]
    [MemberData(nameof(HostileText))]
    public async Task PublishAsync_HostileActorAndReason_StoresAndReturnsThemExactly(string text)
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);

        await store.PublishAsync(Text("greet", 1), new(text, text));

        var entry = Assert.Single(await store.GetHistoryAsync("greet").ToListAsync());
        Assert.Equal((text, text), (entry.Actor, entry.Reason));
        Assert.Equal(["greet"], await store.ListPromptsAsync().ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(HostileText))]
    public async Task PublishAsync_HostileTemplateText_ReturnsItExactly(string text)
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        var version = new PromptVersion("greet", 1, text);

        await store.PublishAsync(version, Change);

        var stored = (await store.GetPromptAsync("greet"))!.Versions[1];
        Assert.Equal(text, stored.Text);
        Assert.Equal(version.ContentHash, stored.ContentHash);
    }

    [SkippableFact]
    public async Task PublishAsync_NulInTemplate_ReturnsItExactly()
    {
        // A template is stored inside a JSON document, where NUL is escaped, so it survives PostgreSQL text.
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);

        await store.PublishAsync(new PromptVersion("greet", 1, "before\0after"), Change);

        Assert.Equal("before\0after", (await store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [SkippableFact]
    public async Task PublishAsync_NulInActorAndReason_AreKeptExactly()
    {
        // PostgreSQL text cannot hold NUL; the history keeps actor and reason as JSON string literals, where it is escaped.
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);

        await store.PublishAsync(Text("greet", 1), new("ci\0bot", "ticket\0 1"));

        var entry = Assert.Single(await store.GetHistoryAsync("greet").ToListAsync());
        Assert.Equal(("ci\0bot", "ticket\0 1"), (entry.Actor, entry.Reason));
    }

    [SkippableTheory]
    [InlineData("greet'; DROP TABLE llmops.prompts; --")]
    [InlineData("greet\0")]
    [InlineData("gr\"eet")]
    public async Task SetLabelAsync_HostileLabel_IsRefusedAsInvalidAndNothingIsWritten(string label)
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        await SeedAsync(store, "greet");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SetLabelAsync("greet", label, To(2), expected: null, Change).AsTask());

        Assert.Contains("is not a valid label", error.Message, StringComparison.Ordinal);
        Assert.Equal(["production"], (await store.GetPromptAsync("greet"))!.Labels.Keys);
    }

    [SkippableTheory]
    [InlineData("x'; DROP TABLE llmops.prompts; --")]
    [InlineData("x\0y")]
    [InlineData("/* x */")]
    public async Task GetPromptAsync_HostileName_ReturnsNullAndTheTablesStay(string name)
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        await SeedAsync(store, "greet");

        Assert.Null(await store.GetPromptAsync(name));
        Assert.NotNull(await store.GetPromptAsync("greet"));
    }

    [SkippableFact]
    public async Task SetLabelAsync_HostileName_IsRefusedAsInvalidAndNothingIsWritten()
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        await SeedAsync(store, "greet");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SetLabelAsync("greet'; DROP TABLE llmops.prompts; --", "production", To(2), expected: null, Change).AsTask());

        Assert.Contains("is not a valid prompt name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["greet"], await store.ListPromptsAsync().ToListAsync());
    }
}
