using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Benchmarks.Telemetry;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// One call through each stack of <see cref="PipelineStacks"/>, side by side, against the raw provider (the baseline).
/// </summary>
/// <remarks>
/// The promises (issue 8): <see cref="LlmOpsFull"/>, doing more, costs at most half the time and half the bytes of
/// <see cref="HandAssembled"/> (both listening); <see cref="LlmOpsDefaults"/> (no listener, no prompt, no evaluator) adds
/// at most <see cref="BarePollyRetry"/>'s cost plus 30 ns over <see cref="Raw"/>. Only the two <c>Listening</c> rows run
/// with a span and metric listener that records everything: each benchmark runs in its own process, and the listener is
/// started by that row's own [GlobalSetup], because <c>ActivitySource.HasListeners()</c> is global to the process.
/// </remarks>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the stacks
public class FullPipelineBenchmarks
#pragma warning restore CA1001
{
    private PipelineStacks _stacks = null!;
    private TelemetryListeners? _listeners;

    [GlobalSetup(Targets = new[] { nameof(HandAssembled), nameof(LlmOpsFull) })]
    public void SetupListening()
    {
        _listeners = new TelemetryListeners(PipelineStacks.ListenedNames);
        Setup();
    }

    [GlobalSetup]
    public void Setup()
    {
        _stacks = new PipelineStacks();

        // Every row must compute the same response; this also warms the prompt cache.
        PipelineStacks.Verify(nameof(Raw), Raw().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(BarePollyRetry), BarePollyRetry().AsTask().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(HandAssembled), HandAssembled().AsTask().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(LlmOpsFull), LlmOpsFull().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(LlmOpsNoPrompt), LlmOpsNoPrompt().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(LlmOpsNoPromptToSink), LlmOpsNoPromptToSink().GetAwaiter().GetResult());
        PipelineStacks.Verify(nameof(LlmOpsDefaults), LlmOpsDefaults().GetAwaiter().GetResult());
        if (LlmOpsFull().GetAwaiter().GetResult().GetRenderedPrompt() is null)
        {
            throw new InvalidOperationException("The LlmOpsFull row did not send its prompt: the prompt stage is missing.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listeners?.Dispose();
        _stacks.Dispose();
    }

    /// <summary>The provider alone.</summary>
    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _stacks.Provider.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.Plain);

    /// <summary>A bare Polly v8 retry around the provider, what the retry alone costs.</summary>
    [Benchmark]
    public ValueTask<ChatResponse> BarePollyRetry() => _stacks.CallPollyRetryAsync();

    /// <summary>Listening: <c>UseOpenTelemetry().UseLogging()</c> inside a Polly v8 retry.</summary>
    [Benchmark]
    public ValueTask<ChatResponse> HandAssembled() => _stacks.CallHandAssembledAsync();

    /// <summary>Listening: <c>UseLlmOps()</c> with a cached prompt, telemetry, an inline evaluator and retry.</summary>
    [Benchmark]
    public Task<ChatResponse> LlmOpsFull() => _stacks.LlmOpsFull.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.PromptCallOptions);

    /// <summary>No listener, the hand-assembled stack.</summary>
    [Benchmark]
    public ValueTask<ChatResponse> HandAssembledNoListener() => _stacks.CallHandAssembledAsync();

    /// <summary>No listener, no prompt: telemetry, the inline evaluator (whose scores reach no one, so it does not run) and retry.</summary>
    [Benchmark]
    public Task<ChatResponse> LlmOpsNoPrompt() => _stacks.LlmOpsNoPrompt.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.Plain);

    /// <summary>No listener, no prompt: telemetry, the inline evaluator writing to a sink, and retry.</summary>
    [Benchmark]
    public Task<ChatResponse> LlmOpsNoPromptToSink() =>
        _stacks.LlmOpsNoPromptToSink.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.Plain);

    /// <summary>No listener, no prompt, no evaluator: telemetry and retry, what most users run.</summary>
    [Benchmark]
    public Task<ChatResponse> LlmOpsDefaults() => _stacks.LlmOpsDefaults.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.Plain);
}
