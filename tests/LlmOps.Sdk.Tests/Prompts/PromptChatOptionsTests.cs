using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class PromptChatOptionsTests
{
    [Fact]
    public void Ctor_InvalidName_ThrowsNamingTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new PromptChatOptions("bad name"));

        Assert.Contains("'bad name' is not a valid prompt name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_Invalid_Throws()
    {
        var options = new PromptChatOptions("support");

        Assert.Throws<ArgumentException>(() => options.Label = "pro duction");
    }

    [Fact]
    public void Version_BelowOne_Throws()
    {
        var options = new PromptChatOptions("support");

        Assert.Throws<ArgumentOutOfRangeException>(() => options.Version = 0);
    }

    [Fact]
    public void Clone_Marked_KeepsTheMarkAndTheOptions()
    {
        var variables = new { customer = "Ada" };
        var options = new PromptChatOptions("support", variables) { Label = "staging", Version = 2, SplitKey = "user-1", Temperature = 0.5f };

        var clone = Assert.IsType<PromptChatOptions>(options.Clone());

        Assert.NotSame(options, clone);
        Assert.Equal(("support", "staging", 2, "user-1", 0.5f), (clone.PromptName, clone.Label, clone.Version, clone.SplitKey, clone.Temperature));
        Assert.Same(variables, clone.Variables);
    }

    [Fact]
    public void WithPrompt_OnPromptChatOptions_ReplacesTheMarkWithoutADictionary()
    {
        var options = new PromptChatOptions("support", new { a = 1 }) { Label = "staging", Version = 2, SplitKey = "user-1" };
        var variables = new { b = 2 };

        var marked = options.WithPrompt("greet", variables, label: "canary");

        Assert.Same(options, marked);
        Assert.Equal(("greet", "canary", (int?)null, (string?)null), (options.PromptName, options.Label, options.Version, options.SplitKey));
        Assert.Same(variables, options.Variables);
        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public void WithPrompt_TypedVariables_MarksLikeTheObjectOverload()
    {
        var variables = new Ticket("Ada", 42);

        var generic = new ChatOptions().WithPrompt("greet", variables, label: "canary", version: 3, splitKey: "user-1");
        var untyped = new ChatOptions().WithPrompt("greet", (object)variables, label: "canary", version: 3, splitKey: "user-1");

        Assert.True(PromptCall.TryGet(generic, out var call));
        Assert.True(PromptCall.TryGet(untyped, out var expected));
        Assert.Equal(expected, call);
        Assert.Same(variables, call.Variables);
    }

    [Fact]
    public void WithPrompt_OnPromptChatOptionsInvalidLabel_KeepsTheMark()
    {
        var options = new PromptChatOptions("support") { Label = "staging" };

        Assert.Throws<ArgumentException>(() => options.WithPrompt("greet", label: "bad label"));

        Assert.Equal(("support", "staging"), (options.PromptName, options.Label));
    }

    [Fact]
    public async Task GetResponseAsync_NoPromptStage_ProviderSeesNoMark()
    {
        var provider = new ScriptedChatClient();

        await provider.GetResponseAsync([], new PromptChatOptions("support", new { customer = "Ada" }));

        Assert.Null(Assert.Single(provider.Requests).Options!.AdditionalProperties);
    }

    private sealed record Ticket(string Customer, int Number);
}
