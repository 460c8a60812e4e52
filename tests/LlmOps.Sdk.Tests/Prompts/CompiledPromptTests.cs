using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class CompiledPromptTests
{
    [Fact]
    public void For_ReloadedSameContent_ReusesTheParse()
    {
        var first = new PromptVersion("reload-check", 1, "Hello {{name}}");
        var reloaded = new PromptVersion("reload-check", 1, "Hello {{name}}");

        Assert.Same(CompiledPrompt.For(first), CompiledPrompt.For(reloaded));
    }

    [Fact]
    public void For_ManyEditedVersions_KeepsTheSharedCacheBounded()
    {
        for (var i = 0; i < CompiledPrompt.CacheLimit + 10; i++)
        {
            CompiledPrompt.For(new PromptVersion("edited-many-times", 1, $"Edit {i}: {{{{name}}}}"));
        }

        Assert.True(CompiledPrompt.CachedCount <= CompiledPrompt.CacheLimit, $"The cache holds {CompiledPrompt.CachedCount} parses.");
    }
}
