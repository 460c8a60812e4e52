using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Admin;

public sealed class InMemoryPromptStoreAdminTests : PromptAdminContract
{
    protected override Task<IPromptAdmin> CreateAsync() => Task.FromResult<IPromptAdmin>(new InMemoryPromptStore(Time));

    [Fact]
    public async Task SetLabelAsync_Moved_FiresWatchSoARegistryServesItAtOnce()
    {
        await PublishTwoAsync();
        var token = ((IPromptStore)Admin).Watch()!;

        await Admin.SetLabelAsync("greet", "production", [new(2)], null, new PromptChange("alice", "go"));

        Assert.True(token.HasChanged);
    }

    [Fact]
    public async Task Add_InCode_IsRecordedInTheHistoryAsCode()
    {
        var store = (InMemoryPromptStore)Admin;

        store.Add(Text("greet", 1), "production");

        var history = await History("greet");
        Assert.Equal([(PromptHistoryKind.Publish, "code"), (PromptHistoryKind.LabelSet, "code")], history.Select(e => (e.Kind, e.Actor)));
    }
}
