using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests;

public sealed class LlmOpsChatClientBuilderExtensionsTests
{
    [Fact]
    public void UseLlmOps_EveryStageDisabled_ReturnsTheSameClient()
    {
        using var provider = new ScriptedChatClient();
        var options = new LlmOpsOptions { Telemetry = { Enabled = false }, Resilience = { Enabled = false } };

        var client = new ChatClientBuilder(provider).UseLlmOps(options).Build();

        Assert.Same(provider, client);
    }

    [Fact]
    public void UseLlmOps_Defaults_TelemetryIsTheOutermostStage()
    {
        using var provider = new ScriptedChatClient();

        var client = new ChatClientBuilder(provider).UseLlmOps().Build();

        Assert.IsType<TelemetryChatClient>(client);
    }

    [Fact]
    public void UseLlmOps_NoOptionsPassed_UsesTheRegisteredOptions()
    {
        using var provider = new ScriptedChatClient();
        using var services = new ServiceCollection()
            .Configure<LlmOpsOptions>(o =>
            {
                o.Telemetry.Enabled = false;
                o.Resilience.Enabled = false;
            })
            .BuildServiceProvider();

        var client = new ChatClientBuilder(provider).UseLlmOps().Build(services);

        Assert.Same(provider, client);
    }

    [Fact]
    public void UseLlmOps_InvalidPrice_ThrowsNamingTheModel()
    {
        var options = new LlmOpsOptions { Telemetry = { Prices = { ["my-model"] = new() { OutputPerMillionTokens = -3 } } } };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOps(options));

        Assert.Contains("Telemetry.Prices[my-model]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseLlmOps_InvalidOptions_ThrowsNamingOptionAndRange()
    {
        var options = new LlmOpsOptions { Resilience = { MaxRetryAttempts = 99 } };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOps(options));

        Assert.Contains("Resilience.MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseLlmOps_OptionsWithEvaluator_AddsTheEvaluationStage()
    {
        using var provider = new ScriptedChatClient();
        var options = new LlmOpsOptions { Evaluation = { Evaluators = { new EvaluatorRegistration(new JsonValidityEvaluator()) } } };

        var client = new ChatClientBuilder(provider).UseLlmOps(options).Build();

        Assert.NotNull(client.GetService<EvaluationChatClient>());
    }

    [Fact]
    public async Task UseLlmOps_NoOptionsGiven_ReadsTheRegisteredOptions()
    {
        using var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.Configure<LlmOpsOptions>(o => o.Evaluation.Evaluators.Add(new EvaluatorRegistration(new JsonValidityEvaluator())));
        await using var serviceProvider = services.BuildServiceProvider();

        var client = new ChatClientBuilder(provider).UseLlmOps().Build(serviceProvider);

        Assert.NotNull(client.GetService<EvaluationChatClient>());
    }

    [Fact]
    public void UseLlmOps_AroundFunctionInvocation_ThrowsWithTheWiringToWrite()
    {
        using var provider = new ScriptedChatClient();
        var builder = new ChatClientBuilder(provider).UseLlmOps(new LlmOpsOptions()).UseFunctionInvocation();

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("UseFunctionInvocation().UseLlmOpsResilience(options.Resilience)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseLlmOps_ResilienceUnderFunctionInvocation_AddsTheOtherStagesAround()
    {
        using var provider = new ScriptedChatClient();
        var options = new LlmOpsOptions();

        var client = new ChatClientBuilder(provider)
            .UseLlmOps(options).UseFunctionInvocation().UseLlmOpsResilience(options.Resilience).Build();

        var tools = Assert.IsType<FunctionInvokingChatClient>(client.GetService<FunctionInvokingChatClient>());
        Assert.Same(client.GetService<ResilienceChatClient>(), tools.GetService<ResilienceChatClient>());
        Assert.NotNull(client.GetService<TelemetryChatClient>());
    }
}
