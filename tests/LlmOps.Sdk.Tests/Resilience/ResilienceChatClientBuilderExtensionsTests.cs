using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class ResilienceChatClientBuilderExtensionsTests
{
    [Fact]
    public void UseLlmOpsResilience_NoOptionsNoServices_AddsTheStageWithDefaults()
    {
        using var client = new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsResilience().Build();

        Assert.NotNull(client.GetService<ResilienceChatClient>());
    }

    [Fact]
    public void UseLlmOpsResilience_Disabled_ReturnsTheSameClient()
    {
        var scripted = new ScriptedChatClient();

        var client = new ChatClientBuilder(scripted).UseLlmOpsResilience(new ResilienceOptions { Enabled = false }).Build();

        Assert.Same(scripted, client);
    }

    [Fact]
    public void UseLlmOpsResilience_InvalidOptions_ThrowsWhileComposing()
    {
        var options = new ResilienceOptions { MaxRetryAttempts = 42 };

        var error = Assert.Throws<OptionsValidationException>(
            () => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsResilience(options));

        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseLlmOpsResilience_FallbackClient_AnswersWhenRetriesAreExhausted()
    {
        var scripted = new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable());
        var fallback = new ScriptedChatClient().EnqueueReply("from fallback");
        var options = ResilienceTestKit.ExactOptions(maxRetryAttempts: 0);

        using var client = new ChatClientBuilder(scripted).UseLlmOpsResilience(options, fallback).Build();
        var response = await client.GetResponseAsync("hello");

        Assert.Equal("from fallback", response.Text);
    }

    [Fact]
    public void UseLlmOps_ResilienceDisabled_ReturnsTheSameClient()
    {
        var scripted = new ScriptedChatClient();
        var options = new LlmOpsOptions { Resilience = { Enabled = false }, Telemetry = { Enabled = false } };

        var client = new ChatClientBuilder(scripted).UseLlmOps(options).Build();

        Assert.Same(scripted, client);
    }

    [Fact]
    public void UseLlmOps_AttemptTimeoutAboveTotal_ThrowsWhileComposing()
    {
        var options = new LlmOpsOptions { Resilience = { AttemptTimeout = TimeSpan.FromMinutes(10), TotalTimeout = TimeSpan.FromMinutes(1) } };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOps(options));

        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }
}
