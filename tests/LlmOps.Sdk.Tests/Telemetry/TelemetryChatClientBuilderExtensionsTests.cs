using System.Text.Json.Nodes;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Telemetry.Redaction;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class TelemetryChatClientBuilderExtensionsTests
{
    [Fact]
    public async Task AddLlmOps_WithMeterFactory_TelemetryIsOutermostAndUsesTheContainersMeter()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps();
        await using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var duration = new MetricCollector<double>(meterFactory, SourceName, Metrics.OperationDuration);

        var client = provider.GetRequiredService<IChatClient>();
        await client.GetResponseAsync(ChatCalls.Question);

        Assert.IsType<TelemetryChatClient>(client);
        Assert.Same(provider.GetRequiredService<LlmOpsInstrumentation>(), client.GetService<LlmOpsInstrumentation>());
        Assert.Single(duration.GetMeasurementSnapshot());
    }

    [Fact]
    public void AddLlmOps_PricesAndCaptureFromConfiguration_Bound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Telemetry:EnableSensitiveData"] = "true",
            ["LlmOps:Telemetry:UseDefaultPrices"] = "false",
            ["LlmOps:Telemetry:Prices:acme-large:InputPerMillionTokens"] = "4",
            ["LlmOps:Telemetry:Prices:acme-large:OutputPerMillionTokens"] = "12",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(configuration.GetSection(LlmOpsOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Telemetry;
        var prices = provider.GetRequiredService<ModelPriceTable>();

        Assert.True(options.EnableSensitiveData);
        Assert.True(prices.TryGetCostUsd("acme-large", new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 }, out var cost));
        Assert.Equal(16.0, cost, 9);
        Assert.False(prices.TryGetCostUsd("gpt-4o", new UsageDetails { InputTokenCount = 1 }, out _));
    }

    [Fact]
    public void AddLlmOps_NegativePriceInConfiguration_FailsNamingTheModel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Telemetry:Prices:acme-large:OutputPerMillionTokens"] = "-1",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(configuration.GetSection(LlmOpsOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value);

        Assert.Contains("Telemetry.Prices[acme-large]", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutputPerMillionTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLlmOps_CapturedTextLimitOutOfRange_FailsNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.Configure(options => options.Telemetry.MaxCapturedTextLength = 1));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value);

        Assert.Contains("MaxCapturedTextLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_RedactorRegistered_UsedForCapturedContent()
    {
        using var capture = new TelemetryCapture();
        var services = new ServiceCollection();
        services.AddSingleton<IRedactor, UpperCaseRedactor>();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.Configure(options => options.Telemetry.EnableSensitiveData = true));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        var input = JsonNode.Parse((string)capture.Span().Tag(Attributes.InputMessages)!)!;
        Assert.Equal("HOW DO I RESET MY PASSWORD?", (string?)input[0]!["parts"]![0]!["content"]);
    }

    [Fact]
    public void ConfigureTelemetry_PriceAdded_UsedByTheRegisteredPriceTable()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(llmops => llmops.ConfigureTelemetry(t => t.Prices["acme-small"] = new ModelPrice { InputPerMillionTokens = 1, OutputPerMillionTokens = 2 }));
        using var provider = services.BuildServiceProvider();

        var found = provider.GetRequiredService<ModelPriceTable>().TryGetCostUsd("acme-small", new UsageDetails { OutputTokenCount = 1_000_000 }, out var cost);

        Assert.True(found, "The configured price was not used.");
        Assert.Equal(2.0, cost, 9);
    }

    [Fact]
    public void UseLlmOpsTelemetry_InvalidOptions_ThrowsWhileComposing()
    {
        var options = new TelemetryOptions { MaxCapturedTextLength = 0 };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsTelemetry(options));

        Assert.Contains("MaxCapturedTextLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseLlmOpsTelemetry_WithoutServices_Works()
    {
        using var capture = new TelemetryCapture();
        using var client = new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsTelemetry().Build();

        await client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        Assert.Equal($"chat {capture.Model}", capture.Span().DisplayName);
    }

    private sealed class UpperCaseRedactor : IRedactor
    {
        public string Redact(string text) => text.ToUpperInvariant();
    }
}
