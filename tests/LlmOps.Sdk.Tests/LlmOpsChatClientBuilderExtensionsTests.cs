using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests;

public sealed class LlmOpsChatClientBuilderExtensionsTests
{
    [Fact]
    public void UseLlmOps_NothingConfigured_ReturnsTheSameClient()
    {
        using var provider = new ScriptedChatClient();

        var client = new ChatClientBuilder(provider).UseLlmOps().Build();

        Assert.Same(provider, client);
    }

    [Fact]
    public void UseLlmOps_InvalidOptions_ThrowsNamingOptionAndRange()
    {
        var options = new LlmOpsOptions { Resilience = { MaxRetryAttempts = 99 } };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOps(options));

        Assert.Contains("Resilience.MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10", error.Message, StringComparison.Ordinal);
    }
}
