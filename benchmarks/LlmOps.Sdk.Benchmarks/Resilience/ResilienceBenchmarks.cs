using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using Polly;
using Polly.Retry;

namespace LlmOps.Sdk.Benchmarks.Resilience;

/// <summary>
/// The resilience stage on a call that succeeds first time, against what a user would write instead: a bare Polly v8
/// retry pipeline around the same call. All wrap the same <see cref="ScriptedChatClient"/>.
/// </summary>
/// <remarks>
/// <c>StageRetryOnly</c> is the like-for-like comparison (retry alone: its first attempt goes straight to the provider
/// and enters the Polly pipeline only on failure); <c>StageDefaults</c> adds what the defaults add (total and attempt
/// timeouts, circuit breaker), which run every attempt inside the pipeline. The <c>InSpan</c> pair runs inside a recorded call span, so the stage
/// writes its attempt event; the others have no span, the case most users run.
/// </remarks>
[MemoryDiagnoser]
public class ResilienceBenchmarks : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private static readonly ActivitySource Source = new(LlmOpsTelemetry.SourceName);
    private ScriptedChatClient _provider = null!;
    private ResiliencePipeline _pollyRetry = null!;
    private IChatClient _stageRetryOnly = null!;
    private IChatClient _stageDefaults = null!;
    private ActivityListener _listener = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ScriptedChatClient { RecordsRequests = false }; // a growing record would dominate a long run
        _pollyRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<System.ClientModel.ClientResultException>().Handle<HttpRequestException>(),
            })
            .Build();
        _stageRetryOnly = new ResilienceChatClient(_provider, new ResilienceOptions
        {
            AttemptTimeout = null,
            TotalTimeout = null,
            CircuitBreaker = { Enabled = false },
        });
        _stageDefaults = new ResilienceChatClient(_provider);
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == LlmOpsTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _listener.Dispose();
        _stageRetryOnly.Dispose(); // the stages share the provider, which they dispose
        _stageDefaults.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public async Task<ChatResponse> BarePollyRetry() =>
        await _pollyRetry.ExecuteAsync(
            static (client, cancellationToken) => new ValueTask<ChatResponse>(client.GetResponseAsync(Messages, null, cancellationToken)),
            _provider,
            CancellationToken.None);

    [Benchmark]
    public Task<ChatResponse> StageRetryOnly() => _stageRetryOnly.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> StageDefaults() => _stageDefaults.GetResponseAsync(Messages);

    [Benchmark]
    public async Task<ChatResponse> BarePollyRetryInSpan()
    {
        using var span = Source.StartActivity("chat");
        return await BarePollyRetry();
    }

    [Benchmark]
    public async Task<ChatResponse> StageRetryOnlyInSpan()
    {
        using var span = Source.StartActivity("chat");
        return await _stageRetryOnly.GetResponseAsync(Messages);
    }

    [Benchmark]
    public async Task<ChatResponse> StageDefaultsInSpan()
    {
        using var span = Source.StartActivity("chat");
        return await _stageDefaults.GetResponseAsync(Messages);
    }
}
