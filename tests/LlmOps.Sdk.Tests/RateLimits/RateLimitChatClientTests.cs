using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using static LlmOps.Sdk.Tests.RateLimits.RateLimitTestKit;

namespace LlmOps.Sdk.Tests.RateLimits;

public sealed class RateLimitChatClientTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10); // a real-time guard against a hang, never reached

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RequestsPerMinuteUsedUpAndNoWait_ThrowsNamingTheLimit(bool streaming)
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 2, MaxWait = TimeSpan.Zero });
        var client = kit.Build();
        await CallAsync(client, streaming);
        await CallAsync(client, streaming);

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => CallAsync(client, streaming));

        Assert.Equal(2, kit.Provider.CallCount);
        Assert.Equal(("client", "requests", 2), (refused.Limiter, refused.Kind, refused.LimitPerMinute));
        Assert.Contains("the client's limit of 2 requests per minute", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Raise LlmOps:RateLimits:MaxWait", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_RequestsPerMinuteUsedUp_WaitsUntilTheWindowSlides()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 2, MaxWait = TimeSpan.FromMinutes(2) });
        var client = kit.Build();
        await client.GetResponseAsync("one");
        await client.GetResponseAsync("two");

        var third = client.GetResponseAsync("three");
        kit.AdvanceSeconds(58);
        var waitedAMinute = third.IsCompleted;
        kit.AdvanceSeconds(2);
        await third.WaitAsync(Generous);

        Assert.False(waitedAMinute, "the third call went through before the first permits left the one-minute window");
        Assert.Equal(3, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_NoPermitWithinMaxWait_ThrowsWithoutCallingTheProvider()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 1, MaxWait = TimeSpan.FromSeconds(10) });
        var client = kit.Build();
        await client.GetResponseAsync("one");

        var second = client.GetResponseAsync("two");
        kit.AdvanceSeconds(10);
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => second.WaitAsync(Generous));

        Assert.Equal(1, kit.Provider.CallCount);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.MaxWait);
        Assert.Contains("none came within 10.0 s", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_TokensPerMinuteUsedUp_CountsInputPlusMaxOutputTokens()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { TokensPerMinute = 100, MaxWait = TimeSpan.Zero });
        var client = kit.Build();
        var options = new ChatOptions { MaxOutputTokens = 40 }; // 10 + 40 = 50 tokens a call
        await client.GetResponseAsync("one", options);
        await client.GetResponseAsync("two", options);

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("three", options));

        Assert.Equal(("tokens", 50, 100), (refused.Kind, refused.Requested, refused.LimitPerMinute));
        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_CallNeedsMoreTokensThanAMinuteAllows_ThrowsSayingSo()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { TokensPerMinute = 100 });
        var client = kit.Build();

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(
            () => client.GetResponseAsync("big", new ChatOptions { MaxOutputTokens = 500 }));

        Assert.Contains("The call alone needs more tokens than the limit allows in a minute", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ModelLimit_AppliesToThatModelOnly()
    {
        var options = new RateLimitOptions { MaxWait = TimeSpan.Zero };
        options.Models[ScriptedChatClient.DefaultModelId] = new ModelRateLimit { RequestsPerMinute = 1 };
        using var kit = new RateLimitTestKit(options);
        var client = kit.Build();
        await client.GetResponseAsync("one");

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("two"));
        await client.GetResponseAsync("other", new ChatOptions { ModelId = "other-model" });

        Assert.Equal(ScriptedChatClient.DefaultModelId, refused.Limiter);
        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_429SaysNothingRemains_PausesCallsUntilTheReset()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 100, MaxWait = TimeSpan.FromMinutes(1) });
        kit.Failures.Enqueue(TooManyRequests(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20s")));
        var client = kit.Build();
        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync("throttled"));

        var next = client.GetResponseAsync("next");
        kit.AdvanceSeconds(19);
        var sentEarly = kit.Provider.CallCount > 0 || next.IsCompleted;
        kit.AdvanceSeconds(1);
        await next.WaitAsync(Generous);

        Assert.False(sentEarly, "a call went to the provider before the reset it asked for");
        Assert.Equal(1, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_429SaysFewRemain_DrainsTheLimiterToThem()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 100, MaxWait = TimeSpan.Zero });
        kit.Failures.Enqueue(TooManyRequests(("x-ratelimit-remaining-requests", "1"), ("x-ratelimit-reset-requests", "30s")));
        var client = kit.Build();
        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync("throttled"));

        await client.GetResponseAsync("the one left");
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("one too many"));

        Assert.Equal("requests", refused.Kind);
        Assert.Equal(1, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_429RetriedAwayByResilienceBelow_StillPausesLaterCalls()
    {
        using var kit = new RateLimitTestKit(new RateLimitOptions { RequestsPerMinute = 100, MaxWait = TimeSpan.Zero });
        kit.Failures.Enqueue(TooManyRequests(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20s")));
        var client = kit.Build(below => below.UseLlmOpsResilience(
            new ResilienceOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.Zero, UseJitter = false }));

        await client.GetResponseAsync("retried"); // the 429 never reaches the rate-limit stage
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("paused"));

        Assert.Equal("provider", refused.Kind);
        Assert.Contains("the provider answered 429 for the client and asked to wait 20.0 s", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, kit.Provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ModelLimitUsedUpWithFallback_SendsTheCallToTheFallbackModel(bool streaming)
    {
        var options = new RateLimitOptions { MaxWait = TimeSpan.Zero };
        options.Models[ScriptedChatClient.DefaultModelId] = new ModelRateLimit { RequestsPerMinute = 1, FallbackModelId = "small-model" };
        using var kit = new RateLimitTestKit(options);
        var client = kit.Build();
        var callerOptions = new ChatOptions { Temperature = 0.5f };
        await CallAsync(client, streaming, callerOptions);

        var text = await CallAsync(client, streaming, callerOptions);

        Assert.NotEmpty(text);
        Assert.Equal([null, "small-model"], kit.Provider.Requests.Select(r => r.Options?.ModelId));
        Assert.Equal(0.5f, kit.Provider.Requests[1].Options?.Temperature);
        Assert.Null(callerOptions.ModelId);
        Assert.Null(callerOptions.AdditionalProperties);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_FallbackUsedUpToo_ThrowsNamingBothModelsWithoutFollowingItsFallback(bool streaming)
    {
        var options = new RateLimitOptions { MaxWait = TimeSpan.Zero, FallbackModelId = "small-model" };
        options.Models[ScriptedChatClient.DefaultModelId] = new ModelRateLimit { RequestsPerMinute = 1 };
        options.Models["small-model"] = new ModelRateLimit { RequestsPerMinute = 1, FallbackModelId = "tiny-model" };
        using var kit = new RateLimitTestKit(options);
        var client = kit.Build();
        await CallAsync(client, streaming); // the model's permit
        await CallAsync(client, streaming); // the fallback's permit

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => CallAsync(client, streaming));

        Assert.Equal(2, kit.Provider.CallCount);
        Assert.Equal(ScriptedChatClient.DefaultModelId, refused.Limiter);
        Assert.Contains($"model '{ScriptedChatClient.DefaultModelId}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Its fallback model 'small-model' got no permit either", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-model", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ClientLimitUsedUp_IsNotRerouted()
    {
        var options = new RateLimitOptions { RequestsPerMinute = 1, MaxWait = TimeSpan.Zero, FallbackModelId = "small-model" };
        using var kit = new RateLimitTestKit(options);
        var client = kit.Build();
        await client.GetResponseAsync("one");

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("two"));

        Assert.Equal("client", refused.Limiter);
        Assert.Equal(1, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_Rerouted_LogsCountsAndTagsTheSpan()
    {
        var options = new RateLimitOptions { MaxWait = TimeSpan.Zero, FallbackModelId = "small-model" };
        options.Models[ScriptedChatClient.DefaultModelId] = new ModelRateLimit { RequestsPerMinute = 1 };
        using var kit = new RateLimitTestKit(options);
        using var reroutes = new MetricCollector<long>(kit.Services.GetRequiredService<IMeterFactory>(),
            LlmOpsTelemetry.SourceName, RateLimitConstants.ReroutesMetric);
        var client = kit.Build();
        await client.GetResponseAsync("one");
        using var source = new ActivitySource("RateLimitChatClientTests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using (var span = source.StartActivity("call"))
        {
            await client.GetResponseAsync("two");

            Assert.Equal("small-model", span?.GetTagItem(RateLimitConstants.FallbackModelAttribute));
        }

        var logged = Assert.Single(kit.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 852);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains($"model '{ScriptedChatClient.DefaultModelId}'", logged.Message, StringComparison.Ordinal);
        Assert.Contains("fallback model 'small-model'", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kit.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 850);
        var measurement = Assert.Single(reroutes.GetMeasurementSnapshot());
        Assert.Equal("small-model", measurement.Tags[RateLimitConstants.FallbackModelAttribute]);
        Assert.Equal(ScriptedChatClient.DefaultModelId, measurement.Tags[RateLimitConstants.LimiterAttribute]);
    }

    private static async Task<string> CallAsync(IChatClient client, bool streaming, ChatOptions? options = null)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync("question", options)).Text;
        }

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("question", options))
        {
            text += update.Text;
        }

        return text;
    }
}
