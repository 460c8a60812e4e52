using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk.Tests.Resilience;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.RateLimits;

/// <summary>The rate-limit stage in front of the real stack: Microsoft.Extensions.AI.OpenAI over the official OpenAI SDK, talking HTTP to a local server.</summary>
public sealed class OpenAiRateLimitEndToEndTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_429WithRateLimitHeaders_LaterCallsWaitForTheProvidersReset(bool streaming)
    {
        // The provider says no request is left until its reset in 20 s, and asks this call to retry after 1 s.
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Fail(429, ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20s"),
                ("x-ratelimit-remaining-tokens", "9000"), ("Retry-After", "1"))
            : ServerAction.Reply("hello"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time);
        var client = services.GetRequiredService<IChatClient>();

        var first = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1)); // the resilience stage's retry, below the limiter
        Assert.Equal("hello", await first);
        var second = CallAsync(client, streaming);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(19)); // what is left of the provider's 20 s
        var attemptsWhilePaused = server.Attempts;
        time.Advance(TimeSpan.FromSeconds(19));

        Assert.Equal("hello", await second);
        Assert.Equal(2, attemptsWhilePaused);
        Assert.Equal(3, server.Attempts);
    }

    private static ServiceProvider BuildServices(ChatCompletionsServer server, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddChatClient(_ =>
        {
            // The stages retry; the SDK must not retry underneath them, so the server counts theirs alone.
            var options = new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
            return new OpenAIClient(new ApiKeyCredential("test-key"), options).GetChatClient(ChatCompletionsServer.Model).AsIChatClient();
        });
        services.AddLlmOps(llmops => llmops
            .AddRateLimits(r =>
            {
                r.RequestsPerMinute = 100;
                r.MaxWait = TimeSpan.FromMinutes(1);
            })
            .ConfigureResilience(r => r.UseJitter = false));
        return services.BuildServiceProvider();
    }

    private static async Task<string> CallAsync(IChatClient client, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync("hi")).Text;
        }

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        return text;
    }
}
