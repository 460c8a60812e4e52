using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class ModelPriceTableTests
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 };

    [Theory]
    [InlineData("gpt-4o", 12.50)]
    [InlineData("GPT-4o", 12.50)]
    [InlineData("gpt-4o-2024-08-06", 12.50)]
    [InlineData("gpt-4o-mini", 0.75)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.75)]
    [InlineData("claude-sonnet-4-5-20250929", 18.00)]
    public void TryGetCostUsd_DefaultTable_PricesModelAndItsDatedSnapshots(string model, double expected)
    {
        var table = new ModelPriceTable(new TelemetryOptions());

        var found = table.TryGetCostUsd(model, Usage, out var cost);

        Assert.True(found, $"No price for {model}.");
        Assert.Equal(expected, cost, 9);
    }

    [Theory]
    [InlineData("gpt-4o-audio-preview")]
    [InlineData("my-fine-tune")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGetCostUsd_UnknownModel_NoCostNeverAGuess(string? model)
    {
        var table = new ModelPriceTable(new TelemetryOptions());

        var found = table.TryGetCostUsd(model, Usage, out var cost);

        Assert.False(found, $"{model} was priced at {cost}.");
    }

    [Fact]
    public void TryGetCostUsd_ModelsAlternate_EachKeepsItsOwnAnswer()
    {
        var table = new ModelPriceTable(new TelemetryOptions());
        string[] models = ["gpt-4o", "gpt-4o-mini-2024-07-18", "my-fine-tune", "GPT-4o", "gpt-4o-mini-2024-07-18", "gpt-4o"];
        double?[] expected = [12.50, 0.75, null, 12.50, 0.75, 12.50];

        var costs = models.Select(model => table.TryGetCostUsd(model, Usage, out var cost) ? Math.Round(cost, 9) : (double?)null).ToArray();

        Assert.Equal(expected, costs);
    }

    [Fact]
    public void TryGetCostUsd_MoreModelsThanRemembered_StillPricesEach()
    {
        var table = new ModelPriceTable(new TelemetryOptions());
        for (var i = 0; i < 300; i++)
        {
            table.TryGetCostUsd($"unknown-{i}", Usage, out _);
        }

        var found = table.TryGetCostUsd("gpt-4o-2024-08-06", Usage, out var cost);
        var unknown = table.TryGetCostUsd("unknown-299", Usage, out _);

        Assert.True(found, "gpt-4o-2024-08-06 lost its price once the memo was full.");
        Assert.Equal(12.50, cost, 9);
        Assert.False(unknown, "A model without a price was priced once the memo was full.");
    }

    [Fact]
    public void TryGetCostUsd_CachedInput_ChargedAtTheCachedPrice()
    {
        var options = new TelemetryOptions { UseDefaultPrices = false };
        options.Prices["m"] = new ModelPrice { InputPerMillionTokens = 10, OutputPerMillionTokens = 20, CachedInputPerMillionTokens = 1 };
        var table = new ModelPriceTable(options);
        var usage = new UsageDetails { InputTokenCount = 1_000, CachedInputTokenCount = 400, OutputTokenCount = 100 };

        table.TryGetCostUsd("m", usage, out var cost);

        Assert.Equal(((600 * 10) + (400 * 1) + (100 * 20)) / 1_000_000.0, cost, 12);
    }

    [Fact]
    public void TryGetCostUsd_NoCachedPrice_CachedTokensChargedAsInput()
    {
        var options = new TelemetryOptions { UseDefaultPrices = false };
        options.Prices["m"] = new ModelPrice { InputPerMillionTokens = 10, OutputPerMillionTokens = 20 };
        var table = new ModelPriceTable(options);
        var usage = new UsageDetails { InputTokenCount = 1_000, CachedInputTokenCount = 400, OutputTokenCount = 0 };

        table.TryGetCostUsd("m", usage, out var cost);

        Assert.Equal(1_000 * 10 / 1_000_000.0, cost, 12);
    }

    [Fact]
    public void TryGetCostUsd_UserPrice_WinsOverTheDefault()
    {
        var options = new TelemetryOptions();
        options.Prices["gpt-4o"] = new ModelPrice { InputPerMillionTokens = 1, OutputPerMillionTokens = 1 };
        var table = new ModelPriceTable(options);

        table.TryGetCostUsd("gpt-4o", Usage, out var cost);

        Assert.Equal(2.0, cost, 9);
    }

    [Fact]
    public void TryGetCostUsd_DefaultsTurnedOff_OnlyUserPrices()
    {
        var table = new ModelPriceTable(new TelemetryOptions { UseDefaultPrices = false });

        Assert.False(table.TryGetCostUsd("gpt-4o", Usage, out _));
        Assert.True(table.IsEmpty);
    }

    [Fact]
    public void TryGetCostUsd_NoUsage_NoCost()
    {
        var table = new ModelPriceTable(new TelemetryOptions());

        Assert.False(table.TryGetCostUsd("gpt-4o", null, out _));
        Assert.False(table.TryGetCostUsd("gpt-4o", new UsageDetails(), out _));
    }
}
