using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Budgets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Redis;

/// <summary>Two service providers, as two instances of a service, sharing budgets through one real Redis on 127.0.0.1.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class RedisBudgetStoreTests(RedisFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task UseRedisBudgets_OneInstanceSpends_TheOtherSeesTheSpend()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using var first = Instance(fixture.Server.ConnectionString, prefix, limitUsd: 0.5);
        await using var second = Instance(fixture.Server.ConnectionString, prefix, limitUsd: 0.5);

        await first.Client.GetResponseAsync("question", BudgetTestKit.Cents(40));
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(
            () => second.Client.GetResponseAsync("question", BudgetTestKit.Cents(20)));

        Assert.Equal(0.40, Math.Round(refused.SpentUsd, 6));
        Assert.Equal(0, second.Provider.CallCount);
    }

    [SkippableFact]
    public async Task UseRedisBudgets_200ConcurrentCallsFromTwoInstances_MakeNoMoreThanTheBudgetAllows()
    {
        // 100 calls of 0.05 USD fit in 5 USD; each reservation is the call's real cost, so exactly 100 may pass. One call
        // from each instance first (0.10 more budget) connects both to Redis before the burst.
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using var first = Instance(fixture.Server.ConnectionString, prefix, limitUsd: 5.10);
        await using var second = Instance(fixture.Server.ConnectionString, prefix, limitUsd: 5.10);
        await first.Client.GetResponseAsync("question", BudgetTestKit.Cents(5));
        await second.Client.GetResponseAsync("question", BudgetTestKit.Cents(5));

        var calls = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? first : second).Client.GetResponseAsync("question", BudgetTestKit.Cents(5));
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));
        var admitted = (await Task.WhenAll(calls)).Count(ok => ok);

        Assert.Equal(100, admitted);
        Assert.Equal(102, first.Provider.CallCount + second.Provider.CallCount);
    }

    [SkippableFact]
    public async Task UseRedisBudgets_CalendarDayEnds_SharedCounterStartsAgain()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using var first = Instance(fixture.Server.ConnectionString, prefix, limitUsd: 0.5, new DateTimeOffset(2026, 3, 10, 23, 59, 59, TimeSpan.Zero));
        await first.Client.GetResponseAsync("question", BudgetTestKit.Cents(50));
        await Assert.ThrowsAsync<BudgetExceededException>(() => first.Client.GetResponseAsync("question", BudgetTestKit.Cents(50)));

        first.Time.Advance(TimeSpan.FromSeconds(1));
        await first.Client.GetResponseAsync("question", BudgetTestKit.Cents(50));

        Assert.Equal(2, first.Provider.CallCount);
    }

    private static BudgetInstance Instance(string redis, string prefix, double limitUsd, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? Noon);
        var provider = new ScriptedChatClient(time)
        {
            Responder = static (_, options) => string.Join(' ', Enumerable.Repeat("w", options?.MaxOutputTokens ?? 0)),
        };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ITokenCounter>(new FixedTokenCounter(BudgetTestKit.InputTokens));
        services.AddChatClient(provider);
        services.AddLlmOps(llmops => llmops
            .ConfigureTelemetry(t =>
            {
                t.UseDefaultPrices = false;
                t.Prices[ScriptedChatClient.DefaultModelId] = new ModelPrice { InputPerMillionTokens = 10_000, OutputPerMillionTokens = 10_000 };
            })
            .ConfigureResilience(r => r.Enabled = false)
            .AddBudget(b => { b.Name = "fleet"; b.LimitUsd = limitUsd; })
            .UseRedisBudgets(redis, prefix));
        var container = services.BuildServiceProvider();
        return new BudgetInstance(container, container.GetRequiredService<IChatClient>(), provider, time);
    }

    private sealed record BudgetInstance(ServiceProvider Services, IChatClient Client, ScriptedChatClient Provider, FakeTimeProvider Time)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }
}
