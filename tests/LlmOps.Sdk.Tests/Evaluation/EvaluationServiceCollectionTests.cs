using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Evaluation;

/// <summary>Evaluation wired through <c>AddLlmOps</c>: builder methods, options, the shared queue and its drain on shutdown.</summary>
public sealed class EvaluationServiceCollectionTests
{
    [Fact]
    public async Task AddEvaluator_Type_PipelineScoresCalls()
    {
        var sink = new InMemoryEvaluationSink();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient().EnqueueReply("The Eiffel Tower."));
        services.AddLlmOps(llmops => llmops.AddEvaluator<ExactMatchEvaluator>().AddEvaluationSink(sink));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();

        await client.GetResponseAsync("Which tower?", new ChatOptions().WithReferenceAnswer("eiffel tower"));

        Assert.NotNull(client.GetService<EvaluationChatClient>());
        var score = Assert.Single(Assert.Single(sink.Records).Scores);
        Assert.Equal(("exact_match", true), (score.Name, score.Passed));
    }

    [Fact]
    public async Task AddLlmOps_NoEvaluator_AddsNoStage()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps();
        await using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetRequiredService<IChatClient>().GetService<EvaluationChatClient>());
    }

    [Fact]
    public async Task AddEvaluationSinkType_Registered_ReceivesResults()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(llmops => llmops.AddEvaluator(new LengthEvaluator(maxLength: 100)).AddEvaluationSink<InMemoryEvaluationSink>());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var sink = Assert.IsType<InMemoryEvaluationSink>(Assert.Single(provider.GetServices<IEvaluationSink>()));
        Assert.Single(sink.Records);
    }

    [Fact]
    public async Task AddEvaluator_AIEvaluator_RunsThroughTheAdapter()
    {
        var sink = new InMemoryEvaluationSink();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(llmops => llmops.AddEvaluator(new FixedJudge()).AddEvaluationSink(sink));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal("Relevance", Assert.Single(Assert.Single(sink.Records).Scores).Name);
    }

    [Fact]
    public async Task StopAsync_BackgroundWorkQueued_DrainsItWithinTheHostShutdown()
    {
        var sink = new InMemoryEvaluationSink();
        var release = new TaskCompletionSource();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(llmops => llmops
            .AddEvaluator(TestEvaluator.Blocking(release.Task), o => o.Mode = EvaluationMode.Background)
            .AddEvaluationSink(sink));
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var stop = host.StopAsync();
        Assert.False(stop.IsCompleted, "The host stopped without waiting for the queued evaluation.");
        Assert.Empty(sink.Records);
        release.SetResult();
        await stop;

        Assert.Equal(EvaluationMode.Background, Assert.Single(sink.Records).Mode);
    }

    [Fact]
    public async Task AddLlmOps_InvalidQueueCapacity_FailsAtStartNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(llmops => llmops.ConfigureEvaluation(e => e.QueueCapacity = 0));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Evaluation.QueueCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEvaluator_InvalidTimeout_FailsAtStartNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(llmops => llmops.AddEvaluator<JsonValidityEvaluator>(o => o.Timeout = TimeSpan.Zero));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLlmOps_CalledTwice_RegistersOneQueueHost()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        services.AddLlmOps();
        services.AddLlmOps();

        Assert.Single(services, static d => d.ServiceType == typeof(IHostedService));
    }

    private sealed class FixedJudge : Microsoft.Extensions.AI.Evaluation.IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["Relevance"];

        public ValueTask<Microsoft.Extensions.AI.Evaluation.EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, Microsoft.Extensions.AI.Evaluation.ChatConfiguration? chatConfiguration = null,
            IEnumerable<Microsoft.Extensions.AI.Evaluation.EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            new(new Microsoft.Extensions.AI.Evaluation.EvaluationResult(new Microsoft.Extensions.AI.Evaluation.NumericMetric("Relevance", 4)));
    }
}
