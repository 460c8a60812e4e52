using System.Collections.Concurrent;

namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>A provider fake for runner tests: answers by a function of the prompt, counts calls in flight, records when each started.</summary>
internal sealed class RecordingChatClient(TimeProvider timeProvider, Func<string, string>? reply = null) : IChatClient
{
    private readonly ConcurrentQueue<(TimeSpan At, string Prompt)> _calls = new();
    private readonly ConcurrentQueue<ChatOptions?> _options = new();
    private readonly DateTimeOffset _start = timeProvider.GetUtcNow();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Gets or sets what every call waits for before it answers; none when <see langword="null"/>.</summary>
    public Task? Gate { get; set; }

    /// <summary>Gets or sets the input and output tokens each answer reports.</summary>
    public (int Input, int Output) Usage { get; set; } = (5, 3);

    /// <summary>Gets a signal released once per call as it starts.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    public int CallCount => _calls.Count;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Gets when each call started, on the fake clock, from the client's creation, in arrival order.</summary>
    public IReadOnlyList<TimeSpan> CallTimes => [.. _calls.Select(c => c.At)];

    public IReadOnlyList<string> Prompts => [.. _calls.Select(c => c.Prompt)];

    /// <summary>Gets the options of every call, in arrival order.</summary>
    public IReadOnlyList<ChatOptions?> Options => [.. _options];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        _calls.Enqueue((timeProvider.GetUtcNow() - _start, prompt));
        _options.Enqueue(options);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        Entered.Release();
        try
        {
            if (Gate is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }

            var text = (reply ?? (static p => "echo: " + p))(prompt);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ModelId = "gpt-4o-mini",
                Usage = new UsageDetails { InputTokenCount = Usage.Input, OutputTokenCount = Usage.Output, TotalTokenCount = Usage.Input + Usage.Output },
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The runner does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => Entered.Dispose();

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
