using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>A cache hit answers above the budget and rate-limit stages: it spends no budget and takes no permit.</summary>
public sealed class ResponseCacheCostControlsTests
{
    private const string Question = "What is the capital of France?";

    [Fact]
    public async Task GetResponseAsync_HitWhenTheBudgetIsSpent_IsAnsweredWhileANewQuestionIsRefused()
    {
        // Ten cents a token: the first call's estimate (about 2.5 USD) fits in 3, its real cost (2) leaves no room for another.
        var provider = Provider();
        await using var services = Services(provider, o => o.AddBudget(b => { b.LimitUsd = 3; b.Window = BudgetWindow.Day; }));
        var client = services.GetRequiredService<IChatClient>();
        await client.GetResponseAsync(Question, Options());

        var hit = await client.GetResponseAsync(Question, Options());

        Assert.True(hit.IsFromCache());
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("And of Spain?", Options()));
        Assert.Equal(1, provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_HitWhenNoPermitIsLeft_IsAnsweredWhileANewQuestionIsRefused()
    {
        var provider = Provider();
        await using var services = Services(provider, o => o.AddRateLimits(r => { r.RequestsPerMinute = 1; r.MaxWait = TimeSpan.Zero; }));
        var client = services.GetRequiredService<IChatClient>();
        await client.GetResponseAsync(Question, Options());

        var hits = new[] { await client.GetResponseAsync(Question, Options()), await client.GetResponseAsync(Question, Options()) };

        Assert.All(hits, static hit => Assert.True(hit.IsFromCache()));
        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("And of Spain?", Options()));
        Assert.Equal(1, provider.CallCount);
    }

    private static ChatOptions Options() => new ChatOptions { ModelId = ScriptedChatClient.DefaultModelId, MaxOutputTokens = 10 }.WithCache();

    private static ScriptedChatClient Provider()
    {
        var provider = new ScriptedChatClient();
        foreach (var answer in (string[])["Paris.", "Madrid."])
        {
            provider.EnqueueReply(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
            {
                FinishReason = ChatFinishReason.Stop,
                ModelId = ScriptedChatClient.DefaultModelId,
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 10, TotalTokenCount = 20 },
            });
        }

        return provider;
    }

    private static ServiceProvider Services(ScriptedChatClient provider, Action<LlmOpsBuilder> limits)
    {
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o =>
        {
            o.AddResponseCache()
                .ConfigureTelemetry(t => t.Prices[ScriptedChatClient.DefaultModelId] = new ModelPrice { InputPerMillionTokens = 100_000, OutputPerMillionTokens = 100_000 })
                .ConfigureResilience(r => r.Enabled = false);
            limits(o);
        });
        return services.BuildServiceProvider();
    }
}
