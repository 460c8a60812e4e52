using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Benchmarks.Telemetry;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// A stream of 200 chunks read to its end through each stack of <see cref="PipelineStacks"/>. Every row reports per
/// chunk (<c>OperationsPerInvoke = 200</c>), the call's own cost spread over its chunks: the difference to
/// <see cref="Raw"/> is the per-chunk overhead.
/// </summary>
/// <remarks>
/// The promise (issue 8): at most 50 ns and 0 bytes per chunk for the LlmOps stacks. The hand-assembled stack streams
/// through <c>UseOpenTelemetry().UseLogging()</c> without Polly: a Polly pipeline cannot retry a stream the caller is
/// already reading, so users do not put one there. Listening rows start their listener in their own [GlobalSetup].
/// </remarks>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the stacks
public class FullPipelineStreamingBenchmarks
#pragma warning restore CA1001
{
    private const int Chunks = 200;
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
        _stacks = new PipelineStacks(Chunks);

        // Every row must stream the same response; this also warms the prompt cache.
        Verify(nameof(Raw), _stacks.Provider, PipelineStacks.Plain);
        Verify(nameof(HandAssembled), _stacks.HandAssembled, PipelineStacks.Plain);
        Verify(nameof(LlmOpsFull), _stacks.LlmOpsFull, PipelineStacks.PromptCallOptions);
        Verify(nameof(LlmOpsNoPrompt), _stacks.LlmOpsNoPrompt, PipelineStacks.Plain);
        Verify(nameof(LlmOpsNoPromptToSink), _stacks.LlmOpsNoPromptToSink, PipelineStacks.Plain);
        Verify(nameof(LlmOpsDefaults), _stacks.LlmOpsDefaults, PipelineStacks.Plain);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listeners?.Dispose();
        _stacks.Dispose();
    }

    /// <summary>The provider alone.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> Raw() => ReadAllAsync(_stacks.Provider, PipelineStacks.Plain);

    /// <summary>Listening: <c>UseOpenTelemetry().UseLogging()</c>.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> HandAssembled() => ReadAllAsync(_stacks.HandAssembled, PipelineStacks.Plain);

    /// <summary>Listening: <c>UseLlmOps()</c> with a cached prompt, telemetry, an inline evaluator and retry.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> LlmOpsFull() => ReadAllAsync(_stacks.LlmOpsFull, PipelineStacks.PromptCallOptions);

    /// <summary>No listener, the hand-assembled stack.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> HandAssembledNoListener() => ReadAllAsync(_stacks.HandAssembled, PipelineStacks.Plain);

    /// <summary>No listener, no prompt: telemetry, the inline evaluator (whose scores reach no one, so it does not run) and retry.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> LlmOpsNoPrompt() => ReadAllAsync(_stacks.LlmOpsNoPrompt, PipelineStacks.Plain);

    /// <summary>No listener, no prompt: telemetry, the inline evaluator writing to a sink, and retry.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> LlmOpsNoPromptToSink() => ReadAllAsync(_stacks.LlmOpsNoPromptToSink, PipelineStacks.Plain);

    /// <summary>No listener, no prompt, no evaluator: telemetry and retry, what most users run.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> LlmOpsDefaults() => ReadAllAsync(_stacks.LlmOpsDefaults, PipelineStacks.Plain);

    private static async Task<int> ReadAllAsync(IChatClient client, ChatOptions options)
    {
        var count = 0;
        await foreach (var update in client.GetStreamingResponseAsync(PipelineStacks.Messages, options))
        {
            count++;
        }

        return count;
    }

    private static void Verify(string row, IChatClient client, ChatOptions options)
    {
        var updates = CollectAsync(client, options).GetAwaiter().GetResult();
        if (updates.Count != Chunks)
        {
            throw new InvalidOperationException($"The row '{row}' streamed {updates.Count} chunks instead of {Chunks}.");
        }

        PipelineStacks.Verify(row, updates.ToChatResponse());
    }

    private static async Task<List<ChatResponseUpdate>> CollectAsync(IChatClient client, ChatOptions options)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(PipelineStacks.Messages, options))
        {
            updates.Add(update);
        }

        return updates;
    }
}
