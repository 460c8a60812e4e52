using System.ClientModel;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Budgets;
using LlmOps.Sdk.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.RateLimits;

/// <summary>A scripted provider behind the rate-limit stage, on a fake clock; every call counts 10 input tokens.</summary>
internal sealed class RateLimitTestKit : IDisposable
{
    public RateLimitTestKit(RateLimitOptions options)
    {
        Options = options;
        Provider = new ScriptedChatClient(Time);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ITokenCounter>(new FixedTokenCounter(10));
        services.AddFakeLogging();
        services.AddMetrics();
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public ScriptedChatClient Provider { get; }

    public ServiceProvider Services { get; }

    public RateLimitOptions Options { get; }

    /// <summary>Exceptions the provider throws, one per call, before it answers normally.</summary>
    public Queue<Exception> Failures { get; } = new();

    public IChatClient Build(Action<ChatClientBuilder>? below = null)
    {
        var builder = new ChatClientBuilder(new FailingFirst(Provider, Failures)).UseLlmOpsRateLimits(Options);
        below?.Invoke(builder);
        return builder.Build(Services);
    }

    /// <summary>A 429 as the OpenAI SDK raises it, with the given headers.</summary>
    public static ClientResultException TooManyRequests(params (string Name, string Value)[] headers) =>
        new(new FakePipelineResponse(429, """{"error":{"type":"requests","code":"rate_limit_exceeded"}}""", headers));

    /// <summary>Advances the clock one second at a time, as the limiter's timer ticks.</summary>
    public void AdvanceSeconds(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public void Dispose()
    {
        Services.Dispose();
        Provider.Dispose();
    }

    private sealed class FailingFirst(IChatClient inner, Queue<Exception> failures) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (failures)
            {
                if (failures.TryDequeue(out var failure))
                {
                    throw failure;
                }
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
