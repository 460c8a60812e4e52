using System.Diagnostics.Metrics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Evaluation;

/// <summary>A provider, a fake clock, fake logs, an isolated meter factory and an in-memory sink, for stage tests.</summary>
internal sealed class EvaluationTestHost : IAsyncDisposable
{
    public EvaluationTestHost(CostEstimator? costEstimator = null)
    {
        var services = new ServiceCollection();
        if (costEstimator is not null)
        {
            services.AddSingleton(costEstimator);
        }

        services.AddSingleton<TimeProvider>(Time);
        services.AddFakeLogging();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        Services = services.BuildServiceProvider();
        Provider = new ScriptedChatClient(Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public ScriptedChatClient Provider { get; }

    public InMemoryEvaluationSink Sink { get; } = new();

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IMeterFactory MeterFactory => Services.GetRequiredService<IMeterFactory>();

    public static ChatMessage[] Question(string text = "What is the capital of France?") => [new(ChatRole.User, text)];

    public EvaluationOptions Options(params EvaluatorRegistration[] evaluators)
    {
        var options = new EvaluationOptions { Sinks = { Sink } };
        foreach (var evaluator in evaluators)
        {
            options.Evaluators.Add(evaluator);
        }

        return options;
    }

    public IChatClient Build(EvaluationOptions options, Func<double>? random = null) =>
        EvaluationChatClientBuilderExtensions.Create(Provider, Services, options, random);

    public static EvaluatorRegistration Inline(IResponseEvaluator evaluator, TimeSpan? timeout = null, double samplingRate = 1.0) =>
        new(evaluator, new EvaluatorOptions { Mode = EvaluationMode.Inline, Timeout = timeout ?? TimeSpan.FromSeconds(5), SamplingRate = samplingRate });

    public static EvaluatorRegistration Background(IResponseEvaluator evaluator, TimeSpan? timeout = null) =>
        new(evaluator, new EvaluatorOptions { Mode = EvaluationMode.Background, Timeout = timeout ?? TimeSpan.FromHours(1) });

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
