using System.Globalization;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using static LlmOps.Sdk.Tests.Budgets.BudgetTestKit;

namespace LlmOps.Sdk.Tests.Budgets;

public sealed class BudgetChatClientTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EstimateWouldPassLimit_ThrowsNamingScopeWindowLimitSpentAndEstimate(bool streaming)
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 1.0, Window = BudgetWindow.Day });
        var client = kit.Build();
        kit.ReplyUsing(10, 60); // real cost 0.70

        await CallAsync(client, Cents(50), streaming);
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, Cents(50), streaming));

        Assert.Equal(1, kit.Provider.CallCount);
        Assert.Equal(("client-day", BudgetScope.Client, BudgetWindow.Day), (refused.BudgetName, refused.Scope, refused.Window));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), refused.WindowStart);
        Assert.Equal((1.0, 0.70, 0.50), (refused.LimitUsd, Math.Round(refused.SpentUsd, 6), Math.Round(refused.EstimateUsd, 6)));
        Assert.Contains("Budget 'client-day' for the whole client", refused.Message, StringComparison.Ordinal);
        Assert.Contains("day starting 2026-03-10 00:00:00Z", refused.Message, StringComparison.Ordinal);
        Assert.Contains("0.700000 USD", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1.000000 USD limit", refused.Message, StringComparison.Ordinal);
        Assert.Contains("estimate is 0.500000 USD", refused.Message, StringComparison.Ordinal);
        Assert.Contains("raise LimitUsd", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BudgetWindow.Minute, "2026-03-10T10:16:00Z")]
    [InlineData(BudgetWindow.Hour, "2026-03-10T11:00:00Z")]
    [InlineData(BudgetWindow.Day, "2026-03-11T00:00:00Z")]
    [InlineData(BudgetWindow.Month, "2026-03-01T00:00:00Z")]
    public async Task GetResponseAsync_CalendarWindowEnds_AllowsSpendAgainAtTheUtcBoundary(BudgetWindow window, string boundary)
    {
        var start = DateTimeOffset.Parse(boundary, CultureInfo.InvariantCulture);
        using var kit = new BudgetTestKit(start.AddSeconds(-0.5), new SpendBudget { LimitUsd = 0.5, Window = window });
        var client = kit.Build();
        await client.GetResponseAsync("question", Cents(50)); // 0.50: the whole limit

        kit.Time.Advance(TimeSpan.FromSeconds(0.4)); // still in the window
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("question", Cents(50)));
        kit.Time.Advance(TimeSpan.FromSeconds(0.1)); // exactly the boundary
        await client.GetResponseAsync("question", Cents(50));

        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Theory]
    [InlineData(BudgetWindow.Minute)]
    [InlineData(BudgetWindow.Hour)]
    [InlineData(BudgetWindow.Day)]
    [InlineData(BudgetWindow.Month)]
    public async Task GetResponseAsync_RollingWindow_KeepsSpendForAWholeWindowAcrossCalendarBoundaries(BudgetWindow window)
    {
        using var kit = new BudgetTestKit(
            new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero), new SpendBudget { LimitUsd = 0.5, Window = window, Rolling = true });
        var client = kit.Build();
        var length = window == BudgetWindow.Month ? TimeSpan.FromDays(30) : BudgetSlot.Length(window);
        await client.GetResponseAsync("question", Cents(50));

        kit.Time.Advance(length - (length / 30)); // past every calendar boundary, but not a whole window later
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("question", Cents(50)));
        kit.Time.Advance(length / 15);
        await client.GetResponseAsync("question", Cents(50));

        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RealCostBelowEstimate_CountsTheRealCost(bool streaming)
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 1.0 });
        var client = kit.Build();
        kit.ReplyUsing(10, 0).ReplyUsing(10, 0); // estimates 0.60 each, real 0.10 each

        await CallAsync(client, Cents(60), streaming);
        await CallAsync(client, Cents(60), streaming); // 0.10 + 0.60 fits; had the estimate stayed, 1.20 would not
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, Cents(100), streaming));

        Assert.Equal(0.20, Math.Round(refused.SpentUsd, 6));
        Assert.Equal(1.00, Math.Round(refused.EstimateUsd, 6));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ProviderFails_ReleasesTheReservation(bool streaming)
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 0.5 });
        var client = kit.Build();
        kit.Provider.EnqueueFault(ScriptedFault.ServiceUnavailable());

        await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(client, Cents(50), streaming));
        await CallAsync(client, Cents(50), streaming); // the whole limit again: the failed call holds nothing

        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_FallbackModelFits_RoutesTheCallToIt(bool streaming)
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 0.56, FallbackModelId = CheapModel });
        var client = kit.Build();
        await CallAsync(client, Cents(50), streaming); // 0.50 of 0.56

        var response = await CallAsync(client, Cents(50), streaming); // 0.50 more would not fit; on the cheap model it is 0.05

        Assert.Equal(CheapModel, kit.Provider.Requests[^1].Options?.ModelId);
        Assert.Equal(CheapModel, response.ModelId);
        await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, Cents(50), streaming));
    }

    [Fact]
    public async Task GetResponseAsync_KeyScope_CountsEachKeyApartAndIgnoresCallsWithoutKey()
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 0.5, Scope = BudgetScope.Key });
        var client = kit.Build();
        await client.GetResponseAsync("question", Cents(50).WithBudgetKey("tenant-a"));

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(
            () => client.GetResponseAsync("question", Cents(50).WithBudgetKey("tenant-a")));
        await client.GetResponseAsync("question", Cents(50).WithBudgetKey("tenant-b"));
        await client.GetResponseAsync("question", Cents(50)); // no key: no key budget applies

        Assert.Equal(("tenant-a", BudgetScope.Key), (refused.ScopeValue, refused.Scope));
        Assert.Contains("key 'tenant-a'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ModelScopeWithMatch_CountsOnlyThatModel()
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 0.5, Scope = BudgetScope.Model, Match = ScriptedChatClient.DefaultModelId });
        var client = kit.Build();
        await client.GetResponseAsync("question", Cents(50));

        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("question", Cents(50)));
        var other = Cents(50);
        other.ModelId = "unpriced-but-unbudgeted";
        await client.GetResponseAsync("question", other);

        Assert.Equal(2, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ModelWithoutPrice_ThrowsNamingTheModelAndWhereToPriceIt()
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 1 });
        var client = kit.Build();
        var options = Cents(50);
        options.ModelId = "mystery-model";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("question", options));

        Assert.Contains("'mystery-model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LlmOps:Telemetry:Prices:mystery-model", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_SpendCrossesThresholds_WarnsOncePerThresholdAndCountsIt()
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { Name = "team", LimitUsd = 1.0 });
        using var warnings = new MetricCollector<long>(kit.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            LlmOpsTelemetry.SourceName, BudgetConstants.WarningsMetric);
        var client = kit.Build();

        await client.GetResponseAsync("question", Cents(50)); // 0.50
        await client.GetResponseAsync("question", Cents(40)); // 0.90: past 80%
        await client.GetResponseAsync("question", Cents(10)); // 1.00: past 95%

        var logged = kit.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 800).ToList();
        Assert.Equal(2, logged.Count);
        Assert.Equal(LogLevel.Warning, logged[0].Level);
        Assert.Contains("Budget 'team'", logged[0].Message, StringComparison.Ordinal);
        Assert.Equal([0.8, 0.95], warnings.GetMeasurementSnapshot().Select(m => (double)m.Tags[BudgetConstants.ThresholdAttribute]!));
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentCallsPastLimit_LetsExactlyTheAffordableOnesThrough()
    {
        using var kit = new BudgetTestKit(Noon, new SpendBudget { LimitUsd = 5.0 });
        var client = kit.Build();

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            try
            {
                await client.GetResponseAsync("question", Cents(50)); // 0.50 each: 10 fit
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(calls);

        Assert.Equal(10, results.Count(ok => ok));
        Assert.Equal(10, kit.Provider.CallCount);
    }
}
