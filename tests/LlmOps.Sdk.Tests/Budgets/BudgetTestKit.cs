using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Budgets;

/// <summary>A scripted provider behind the budget stage, on a fake clock, with round prices: a token of the provider's model costs 0.01 USD.</summary>
internal sealed class BudgetTestKit : IDisposable
{
    public const string CheapModel = "cheap-model";

    public BudgetTestKit(DateTimeOffset now, params SpendBudget[] budgets)
    {
        Time = new FakeTimeProvider(now);
        Provider = new ScriptedChatClient(Time)
        {
            // One word (one token) per output token the call allows: unless a reply is queued, the real cost is the estimate.
            Responder = static (_, options) => string.Join(' ', Enumerable.Repeat("w", options?.MaxOutputTokens ?? 0)),
        };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ITokenCounter>(new FixedTokenCounter(InputTokens));
        services.AddFakeLogging();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        Services = services.BuildServiceProvider();
        Options = new BudgetOptions();
        foreach (var budget in budgets)
        {
            Options.Limits.Add(budget);
        }
    }

    /// <summary>The input tokens every call is counted at: the one word of "question".</summary>
    public const int InputTokens = 1;

    public FakeTimeProvider Time { get; }

    public ScriptedChatClient Provider { get; }

    public ServiceProvider Services { get; }

    public BudgetOptions Options { get; }

    public static TelemetryOptions Prices { get; } = CreatePrices();

    public IChatClient Build() => new ChatClientBuilder(Provider).UseLlmOpsBudgets(Options, Prices).Build(Services);

    /// <summary>Options whose estimate, and real cost unless a reply is queued, is <paramref name="cents"/> US cents.</summary>
    public static ChatOptions Cents(int cents) => new() { MaxOutputTokens = cents - InputTokens };

    /// <summary>Queues a reply that reports the given usage, so the real cost is known.</summary>
    public BudgetTestKit ReplyUsing(int inputTokens, int outputTokens)
    {
        Provider.EnqueueReply(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer"))
        {
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        });
        return this;
    }

    public static async Task<ChatResponse> CallAsync(IChatClient client, ChatOptions options, bool streaming)
    {
        if (!streaming)
        {
            return await client.GetResponseAsync("question", options);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("question", options))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public void Dispose()
    {
        Services.Dispose();
        Provider.Dispose();
    }

    private static TelemetryOptions CreatePrices()
    {
        var prices = new TelemetryOptions { UseDefaultPrices = false };
        prices.Prices[ScriptedChatClient.DefaultModelId] = new ModelPrice { InputPerMillionTokens = 10_000, OutputPerMillionTokens = 10_000 };
        prices.Prices[CheapModel] = new ModelPrice { InputPerMillionTokens = 1_000, OutputPerMillionTokens = 1_000 };
        return prices;
    }
}
