using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.RateLimits;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Pipeline;

/// <summary>Our own <c>llmops.*</c> entries steer the stages and never reach the provider, which could send them as request parameters.</summary>
public sealed class ProviderBoundaryChatClientTests
{
    private const string UserKey = "user_tag";

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Call_EveryStageConfigured_ProviderSeesNoOwnEntries(bool streaming, bool resilience)
    {
        var provider = new ScriptedChatClient { Responder = static (_, _) => "Hello Ada." };
        await using var services = EveryStage(provider, resilience);

        await CallAsync(services.GetRequiredService<IChatClient>(), CallerOptions(), streaming);

        var seen = Assert.Single(provider.Requests).Options?.AdditionalProperties;
        Assert.NotNull(seen);
        var own = seen.Keys.Where(static key => key.StartsWith("llmops.", StringComparison.Ordinal)).ToList();
        Assert.True(own.Count == 0, $"The provider saw our entries: {string.Join(", ", own)}");
        Assert.Equal("kept", seen[UserKey]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_EveryStageConfigured_LeavesTheCallersOptionsAsTheyWere(bool streaming)
    {
        var provider = new ScriptedChatClient { Responder = static (_, _) => "Hello Ada." };
        await using var services = EveryStage(provider, resilience: true);
        var options = CallerOptions();
        var properties = options.AdditionalProperties!;
        var before = properties.ToDictionary(static entry => entry.Key, static entry => entry.Value);

        await CallAsync(services.GetRequiredService<IChatClient>(), options, streaming);

        Assert.Same(properties, options.AdditionalProperties);
        Assert.Equal(before.OrderBy(static e => e.Key, StringComparer.Ordinal), properties.OrderBy(static e => e.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RateLimitStageAloneAboveTheProvider_ProviderSeesNoFaultListener(bool streaming)
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 100 });
        var client = kit.Build();

        await CallAsync(client, new ChatOptions { AdditionalProperties = new() { [UserKey] = "kept" } }, streaming, "hi");

        var seen = Assert.Single(kit.Provider.Requests).Options?.AdditionalProperties;
        Assert.NotNull(seen);
        Assert.Equal([UserKey], seen.Keys);
    }

    [Fact]
    public async Task GetResponseAsync_ResilienceUnderFunctionInvocation_StillTeachesTheRateLimiterAbove()
    {
        // The boundary must sit under the resilience stage, not above function invocation, or the 429 retried away
        // below would never reach the limiter.
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 100, MaxWait = TimeSpan.Zero });
        kit.Failures.Enqueue(RateLimitTestKit.TooManyRequests(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20s")));
        var client = kit.Build(below => below.UseFunctionInvocation().UseLlmOpsResilience(
            new ResilienceOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.Zero, UseJitter = false }));

        await client.GetResponseAsync("retried");
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("paused"));

        Assert.Equal("provider", refused.Kind);
        Assert.DoesNotContain(RateLimitConstants.FaultListenerProperty, Assert.Single(kit.Provider.Requests).Options?.AdditionalProperties?.Keys ?? []);
    }

    [Fact]
    public void Without_NoOwnEntries_ReturnsTheSameOptions()
    {
        var options = new ChatOptions { AdditionalProperties = new() { [UserKey] = "kept" } };

        var sent = OwnProperties.Without(options);

        Assert.Same(options, sent);
    }

    [Fact]
    public void Without_OwnAndUserEntries_CopiesTheOptionsWithTheUserEntriesOnly()
    {
        var value = new object();
        var options = new ChatOptions { ModelId = "gpt-test", Temperature = 0.5f, AdditionalProperties = new() { [UserKey] = value, ["llmops.cache"] = true } };

        var sent = OwnProperties.Without(options);

        Assert.NotSame(options, sent);
        Assert.Equal(("gpt-test", 0.5f), (sent!.ModelId, sent.Temperature));
        var kept = Assert.Single(sent.AdditionalProperties!);
        Assert.Equal((UserKey, value), (kept.Key, kept.Value));
        Assert.Equal(2, options.AdditionalProperties.Count);
    }

    [Fact]
    public void Without_OnlyOwnEntries_SendsNoAdditionalProperties()
    {
        var options = new ChatOptions().WithCache().WithBudgetKey("tenant-1");

        var sent = OwnProperties.Without(options);

        Assert.Null(sent!.AdditionalProperties);
    }

    private static ChatOptions CallerOptions()
    {
        var options = new ChatOptions { ModelId = ScriptedChatClient.DefaultModelId, MaxOutputTokens = 20 }
            .WithPrompt("greet", new { name = "Ada" })
            .WithReferenceAnswer("Hello Ada.")
            .WithCache()
            .WithBudgetKey("tenant-1");
        options.AdditionalProperties![UserKey] = "kept";
        return options;
    }

    private static ServiceProvider EveryStage(ScriptedChatClient provider, bool resilience)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddChatClient(provider);
        services.AddLlmOps(o => o
            .AddPrompts(store => store.Add(new PromptVersion("greet", 1, "Hello {{name}}, write to ada@example.com."), "production"))
            .AddEvaluator<ExactMatchEvaluator>()
            .AddFeedback()
            .AddResponseCache()
            .AddBudget(b => b.LimitUsd = 5)
            .AddRateLimits(r => r.RequestsPerMinute = 100)
            .AddPrivacy()
            .ConfigureTelemetry(t => t.Prices[ScriptedChatClient.DefaultModelId] = new ModelPrice { InputPerMillionTokens = 1, OutputPerMillionTokens = 2 })
            .ConfigureResilience(r => r.Enabled = resilience));
        return services.BuildServiceProvider();
    }

    private static async Task CallAsync(IChatClient client, ChatOptions options, bool streaming, string? question = null)
    {
        // A call that names a prompt sends no messages of its own: the prompt renders them.
        List<ChatMessage> messages = question is null ? [] : [new(ChatRole.User, question)];
        if (!streaming)
        {
            await client.GetResponseAsync(messages, options);
            return;
        }

        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            _ = update;
        }
    }
}
