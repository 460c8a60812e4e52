using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Prompts.Admin;

/// <summary>
/// What every <see cref="IPromptAdmin"/> promises, whatever it stores in: each store's test class derives from this
/// one, so the in-memory store and the database stores are held to the same behaviour.
/// </summary>
public abstract class PromptAdminContract : IAsyncLifetime
{
    private static readonly PromptChange Alice = new("alice", "TICKET-1");
    private IPromptAdmin? _admin;
    private string? _unavailable;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));

    /// <summary>Gets the store under test: both the read side and the write side.</summary>
    /// <remarks>When the store's server is not installed, reading it skips the test with the reason.</remarks>
    protected IPromptAdmin Admin => _admin ?? throw new SkipException(_unavailable ?? "The store was not created.");

    private IPromptStore Store => (IPromptStore)Admin;

    public async Task InitializeAsync()
    {
        try
        {
            _admin = await CreateAsync();
        }
        catch (SkipException e)
        {
            _unavailable = e.Message; // a skip thrown here would fail the test: each test skips when it reads Admin
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates an empty store that stamps its history with <see cref="Time"/>.</summary>
    protected abstract Task<IPromptAdmin> CreateAsync();

    [SkippableFact]
    public async Task PublishAsync_NewVersion_IsServedAndRecorded()
    {
        var result = await Admin.PublishAsync(Text("greet", 1), Alice);

        Assert.True(result.Created);
        Assert.Equal("Hello {{name}} 1", (await Store.GetPromptAsync("greet"))?.Versions[1].Text);
        var entry = Assert.Single(await History("greet"));
        Assert.Equal((PromptHistoryKind.Publish, (int?)1, "alice", "TICKET-1", Time.GetUtcNow()), (entry.Kind, entry.Version, entry.Actor, entry.Reason, entry.At));
    }

    [SkippableFact]
    public async Task PublishAsync_SameContentUnderANewNumber_ReturnsTheExistingVersion()
    {
        await Admin.PublishAsync(Text("greet", 1), Alice);

        var again = await Admin.PublishAsync(Text("greet", 2, "Hello {{name}} 1"), Alice);

        Assert.False(again.Created);
        Assert.Equal(1, again.Version.Version);
        Assert.Equal([1], (await Store.GetPromptAsync("greet"))!.Versions.Keys);
        Assert.Single(await History("greet"));
    }

    [SkippableFact]
    public async Task PublishAsync_NumberTakenByOtherContent_ThrowsConflictNamingTheVersion()
    {
        await Admin.PublishAsync(Text("greet", 1), Alice);

        var error = await Assert.ThrowsAsync<PromptConflictException>(() => Admin.PublishAsync(Text("greet", 1, "Other {{name}}"), Alice).AsTask());

        Assert.Equal(("greet", (int?)1), (error.PromptName, error.Version));
        Assert.Contains("publish this content as version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("Hello {{name}} 1", (await Store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [SkippableFact]
    public async Task PublishAsync_TemplateDoesNotParse_ThrowsAndWritesNothing()
    {
        var broken = new PromptVersion("greet", 1, "Hello {{#items}}{{name}}");

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.PublishAsync(broken, Alice).AsTask());

        Assert.Contains("items", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetPromptAsync("greet"));
        Assert.Empty(await History("greet"));
    }

    [SkippableFact]
    public async Task PublishAsync_UndeclaredVariable_ThrowsTheFileStoresErrorAndWritesNothing()
    {
        var version = new PromptVersion("greet", 1, "Hello {{name}} from {{city}}") { Variables = [new PromptVariable("name")] };
        var fileStoreError = Assert.Single(PromptValidator.Validate(version));

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.PublishAsync(version, Alice).AsTask());

        Assert.Equal(fileStoreError.Message, error.Message);
        Assert.Null(await Store.GetPromptAsync("greet"));
    }

    [SkippableFact]
    public async Task SetLabelAsync_ExpectationHolds_MovesTheLabelAndRecordsBeforeAndAfter()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], [], Alice);
        Time.Advance(TimeSpan.FromMinutes(5));

        var move = await Admin.SetLabelAsync("greet", "production", [new(2)], [new(1)], new PromptChange("bob", "better"));

        Assert.Equal([new PromptVersionWeight(1)], move.Before);
        Assert.Equal([new PromptVersionWeight(2)], move.After);
        Assert.Equal([new PromptVersionWeight(2)], (await Store.GetPromptAsync("greet"))!.Labels["production"]);
        var entry = (await History("greet"))[^1];
        Assert.Equal((PromptHistoryKind.LabelSet, "production", "bob", "better", Time.GetUtcNow()), (entry.Kind, entry.Label, entry.Actor, entry.Reason, entry.At));
        Assert.Equal([new PromptVersionWeight(1)], entry.Before);
        Assert.Equal([new PromptVersionWeight(2)], entry.After);
    }

    [SkippableFact]
    public async Task SetLabelAsync_LabelMovedSinceRead_ThrowsConflictNamingBothAndKeepsTheLabel()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(2)], [], Alice);

        var error = await Assert.ThrowsAsync<PromptConflictException>(
            () => Admin.SetLabelAsync("greet", "production", [new(1)], [new(1)], Alice).AsTask());

        Assert.Contains("points to version 2, not to version 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(("greet", "production"), (error.PromptName, error.Label));
        Assert.Equal([new PromptVersionWeight(1)], error.Expected);
        Assert.Equal([new PromptVersionWeight(2)], error.Actual);
        Assert.Equal([new PromptVersionWeight(2)], (await Store.GetPromptAsync("greet"))!.Labels["production"]);
    }

    [SkippableFact]
    public async Task SetLabelAsync_ExpectedNoLabelButItExists_ThrowsConflict()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], [], Alice);

        var error = await Assert.ThrowsAsync<PromptConflictException>(
            () => Admin.SetLabelAsync("greet", "production", [new(2)], [], Alice).AsTask());

        Assert.Contains("not to nothing (no such label)", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetLabelAsync_NoExpectation_MovesWhateverItPointsAt()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], null, Alice);

        await Admin.SetLabelAsync("greet", "production", [new(2)], null, Alice);

        Assert.Equal([new PromptVersionWeight(2)], (await Store.GetPromptAsync("greet"))!.Labels["production"]);
    }

    [SkippableFact]
    public async Task SetLabelAsync_WeightedSplit_IsStoredExactly()
    {
        await PublishTwoAsync();
        PromptVersionWeight[] split = [new(1, 0.9), new(2, 0.1)];

        await Admin.SetLabelAsync("greet", "canary", split, [], Alice);

        Assert.Equal(split, (await Store.GetPromptAsync("greet"))!.Labels["canary"]);
        Assert.Equal(split, (await History("greet"))[^1].After);
    }

    [SkippableFact]
    public async Task SetLabelAsync_ExpectationInAnotherOrder_StillHolds()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "canary", [new(1, 90), new(2, 10)], [], Alice);

        await Admin.SetLabelAsync("greet", "canary", [new(2)], [new(2, 10), new(1, 90)], Alice);

        Assert.Equal([new PromptVersionWeight(2)], (await Store.GetPromptAsync("greet"))!.Labels["canary"]);
    }

    [SkippableFact]
    public async Task SetLabelAsync_UnpublishedVersion_ThrowsNamingItAndWritesNothing()
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.SetLabelAsync("greet", "production", [new(7)], null, Alice).AsTask());

        Assert.Contains("cannot point to version 7", error.Message, StringComparison.Ordinal);
        Assert.False((await Store.GetPromptAsync("greet"))!.Labels.ContainsKey("production"));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task SetLabelAsync_WeightNotPositive_ThrowsNamingTheWeight(double weight)
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<PromptException>(
            () => Admin.SetLabelAsync("greet", "canary", [new(1, 1), new(2, weight)], null, Alice).AsTask());

        Assert.Contains("Weights must be positive, finite numbers", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetLabelAsync_UnknownPrompt_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.SetLabelAsync("nope", "production", [new(1)], null, Alice).AsTask());

        Assert.Equal("nope", error.PromptName);
        Assert.Contains("no prompt named 'nope'", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetLabelAsync_Latest_ThrowsBecauseItIsImplicit()
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.SetLabelAsync("greet", "latest", [new(1)], null, Alice).AsTask());

        Assert.Contains("always points to the highest version", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RemoveLabelAsync_ExpectationHolds_RemovesAndRecords()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "staging", [new(2)], [], Alice);

        var move = await Admin.RemoveLabelAsync("greet", "staging", [new(2)], Alice);

        Assert.Empty(move.After);
        Assert.False((await Store.GetPromptAsync("greet"))!.Labels.ContainsKey("staging"));
        var entry = (await History("greet"))[^1];
        Assert.Equal((PromptHistoryKind.LabelRemove, 1, 0), (entry.Kind, entry.Before.Count, entry.After.Count));
    }

    [SkippableFact]
    public async Task RemoveLabelAsync_LabelMovedSinceRead_ThrowsConflictAndKeepsTheLabel()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "staging", [new(2)], [], Alice);

        await Assert.ThrowsAsync<PromptConflictException>(() => Admin.RemoveLabelAsync("greet", "staging", [new(1)], Alice).AsTask());

        Assert.True((await Store.GetPromptAsync("greet"))!.Labels.ContainsKey("staging"));
    }

    [SkippableFact]
    public async Task RemoveLabelAsync_NoSuchLabel_ThrowsListingTheLabels()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "staging", [new(2)], [], Alice);

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.RemoveLabelAsync("greet", "production", null, Alice).AsTask());

        Assert.Contains("has no label 'production' (labels: staging)", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RollbackLabelAsync_AfterAMove_PointsBackAndRecordsARollback()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], [], Alice);
        await Admin.SetLabelAsync("greet", "production", [new(1, 50), new(2, 50)], [new(1)], Alice);

        var move = await Admin.RollbackLabelAsync("greet", "production", new PromptChange("bob", "errors up"));

        Assert.Equal([new PromptVersionWeight(1)], move.After);
        Assert.Equal([new PromptVersionWeight(1)], (await Store.GetPromptAsync("greet"))!.Labels["production"]);
        var entry = (await History("greet"))[^1];
        Assert.Equal((PromptHistoryKind.Rollback, "bob", "errors up"), (entry.Kind, entry.Actor, entry.Reason));
    }

    [SkippableFact]
    public async Task RollbackLabelAsync_AfterARemoval_RestoresTheLabel()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(2)], [], Alice);
        await Admin.RemoveLabelAsync("greet", "production", null, Alice);

        await Admin.RollbackLabelAsync("greet", "production", Alice);

        Assert.Equal([new PromptVersionWeight(2)], (await Store.GetPromptAsync("greet"))!.Labels["production"]);
    }

    [SkippableFact]
    public async Task RollbackLabelAsync_OnlyCreated_ThrowsSayingThereIsNothingBefore()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(2)], [], Alice);

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.RollbackLabelAsync("greet", "production", Alice).AsTask());

        Assert.Contains("did not exist before its latest change", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RollbackLabelAsync_NeverMoved_ThrowsNamingTheLabel()
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<PromptException>(() => Admin.RollbackLabelAsync("greet", "production", Alice).AsTask());

        Assert.Equal(("greet", "production"), (error.PromptName, error.Label));
        Assert.Contains("has never been moved", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetHistoryAsync_SeveralChanges_ListsThemOldestFirstWithIncreasingSequence()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], [], Alice);
        await Admin.SetLabelAsync("greet", "production", [new(2)], [new(1)], Alice);
        await Admin.RollbackLabelAsync("greet", "production", Alice);

        var history = await History("greet");

        Assert.Equal(
            [PromptHistoryKind.Publish, PromptHistoryKind.Publish, PromptHistoryKind.LabelSet, PromptHistoryKind.LabelSet, PromptHistoryKind.Rollback],
            history.Select(e => e.Kind));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), string.Join(", ", history.Select(e => e.Sequence)));
    }

    [SkippableFact]
    public async Task SetLabelAsync_SameTargetsAgain_RecordsNothing()
    {
        await PublishTwoAsync();
        await Admin.SetLabelAsync("greet", "production", [new(1)], [], Alice);

        var move = await Admin.SetLabelAsync("greet", "production", [new(1)], [new(1)], Alice);

        Assert.Equal(move.Before, move.After);
        Assert.Equal(3, (await History("greet")).Count);
    }

    [SkippableFact]
    public async Task ListPromptsAsync_SeveralPrompts_ListsNamesInOrdinalOrder()
    {
        foreach (var name in new[] { "b", "a/x", "B", "a" })
        {
            await Admin.PublishAsync(Text(name, 1), Alice);
        }

        List<string> names = [];
        await foreach (var name in Admin.ListPromptsAsync())
        {
            names.Add(name);
        }

        Assert.Equal(["B", "a", "a/x", "b"], names);
    }

    [SkippableTheory]
    [InlineData("it's")]
    [InlineData("a; DROP TABLE prompts; --")]
    [InlineData("x' OR '1'='1")]
    [InlineData("/* comment */")]
    [InlineData("nul\0inside")]
    public async Task SetLabelAsync_HostilePromptName_ThrowsWithTheRuleAndChangesNothing(string name)
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.SetLabelAsync(name, "production", [new(1)], null, Alice).AsTask());

        Assert.Contains("is not a valid prompt name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["greet"], await List());
        Assert.Null(await Store.GetPromptAsync(name));
    }

    [SkippableTheory]
    [InlineData("it's")]
    [InlineData("a; DROP TABLE labels; --")]
    [InlineData("nul\0inside")]
    public async Task SetLabelAsync_HostileLabel_ThrowsWithTheRule(string label)
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.SetLabelAsync("greet", label, [new(1)], null, Alice).AsTask());

        Assert.Contains("is not a valid label", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("it's \"quoted\"")]
    [InlineData("a'); DROP TABLE prompt_history; --")]
    [InlineData("/* not a comment */ -- nor this")]
    [InlineData("nul\0inside")]
    [InlineData("émoji 🚀 and ünïcödé")]
    public async Task SetLabelAsync_HostileActorAndReason_AreRecordedExactly(string text)
    {
        await PublishTwoAsync();

        await Admin.SetLabelAsync("greet", "production", [new(1)], [], new PromptChange(text, text));

        var entry = (await History("greet"))[^1];
        Assert.Equal((text, text), (entry.Actor, entry.Reason));
        Assert.Equal(["greet"], await List());
    }

    [SkippableFact]
    public async Task PublishAsync_TenKilobyteReasonAndTemplate_AreStoredExactly()
    {
        var large = string.Concat(Enumerable.Repeat("'; -- /* \" ", 1024));
        var version = new PromptVersion("greet", 1, large + "{{name}}") { Metadata = new Dictionary<string, string> { ["note"] = large } };

        await Admin.PublishAsync(version, new PromptChange("alice", large));

        var stored = (await Store.GetPromptAsync("greet"))!.Versions[1];
        Assert.Equal((large + "{{name}}", large, version.ContentHash), (stored.Text, stored.Metadata["note"], stored.ContentHash));
        Assert.Equal(large, (await History("greet"))[0].Reason);
    }

    [SkippableFact]
    public async Task SetLabelAsync_EmptyActor_ThrowsSayingWhoMustBeNamed()
    {
        await PublishTwoAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.SetLabelAsync("greet", "production", [new(1)], null, new PromptChange(" ", "why")).AsTask());

        Assert.Contains("names no actor", error.Message, StringComparison.Ordinal);
    }

    protected static PromptVersion Text(string name, int version, string? text = null) => new(name, version, text ?? $"Hello {{{{name}}}} {version}");

    protected async Task PublishTwoAsync()
    {
        await Admin.PublishAsync(Text("greet", 1), Alice);
        await Admin.PublishAsync(Text("greet", 2), Alice);
    }

    protected async Task<List<PromptHistoryEntry>> History(string name)
    {
        List<PromptHistoryEntry> entries = [];
        await foreach (var entry in Admin.GetHistoryAsync(name))
        {
            entries.Add(entry);
        }

        return entries;
    }

    protected async Task<List<string>> List()
    {
        List<string> names = [];
        await foreach (var name in Admin.ListPromptsAsync())
        {
            names.Add(name);
        }

        return names;
    }
}
