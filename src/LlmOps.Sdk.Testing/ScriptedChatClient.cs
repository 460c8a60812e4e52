using System.ClientModel;
using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Testing;

/// <summary>A deterministic <see cref="IChatClient"/> for tests and offline samples.</summary>
/// <remarks>
/// <para>
/// Each call takes the next scripted step: a queued reply, a queued fault, or a fault injected at that call's number.
/// With nothing scripted it answers with the <see cref="Responder"/>, which by default echoes the last user message.
/// Every reply carries token usage (white-space word counts, unless a queued <see cref="ChatResponse"/> brings its own),
/// and every request is recorded in <see cref="Requests"/> so tests can assert on what reached the provider.
/// </para>
/// <para>Thread-safe: calls from many threads take steps in the order they arrive.</para>
/// </remarks>
public sealed class ScriptedChatClient : IChatClient
{
    /// <summary>The model id reported when the call names none: <c>scripted-model</c>.</summary>
    public const string DefaultModelId = "scripted-model";

    /// <summary>The provider name in <see cref="ChatClientMetadata"/>: <c>scripted</c>.</summary>
    public const string ProviderName = "scripted";

    private readonly Lock _gate = new();
    private readonly Queue<ScriptedStep> _steps = new();
    private readonly Dictionary<int, ScriptedFault> _faultsByCall = [];
    private readonly List<ScriptedRequest> _requests = [];
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata = new(ProviderName, defaultModelId: DefaultModelId);
    private int _callCount;

    /// <summary>Initializes a new instance of the <see cref="ScriptedChatClient"/> class.</summary>
    /// <param name="timeProvider">The clock that latency waits on; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public ScriptedChatClient(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets or sets how a reply is made when nothing is scripted for a call.</summary>
    /// <value>The default echoes the text of the last user message.</value>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> Responder
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = static (messages, _) => EchoLastUserMessage(messages);

    /// <summary>Gets or sets into how many chunks a streaming reply is split.</summary>
    /// <value>At least 1. The default is 4. A reply shorter than this yields one chunk per character.</value>
    public int StreamingChunkCount
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 4;

    /// <summary>Gets or sets how long each call waits, on the injected clock, before it answers or fails.</summary>
    /// <value>The default is <see cref="TimeSpan.Zero"/>: no wait.</value>
    public TimeSpan Latency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    }

    /// <summary>Gets or sets how long a stream waits, on the injected clock, between two chunks.</summary>
    /// <value>The default is <see cref="TimeSpan.Zero"/>: no wait.</value>
    public TimeSpan ChunkDelay
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    }

    /// <summary>Gets or sets whether each request is kept in <see cref="Requests"/>.</summary>
    /// <value>
    /// The default is <see langword="true"/>. Turn it off for long runs such as benchmarks, where the record would grow
    /// without bound; <see cref="CallCount"/> still counts every call.
    /// </value>
    public bool RecordsRequests { get; set; } = true;

    /// <summary>Gets the number of calls received so far, failed ones included.</summary>
    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>Gets a snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues a text reply for the next call that has no earlier step queued.</summary>
    /// <param name="text">The assistant's reply.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient EnqueueReply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Enqueue(new ScriptedStep(text, null, null));
    }

    /// <summary>Queues a complete response, returned as it is (streaming splits its text).</summary>
    /// <param name="response">The response; its usage is kept when set, otherwise computed.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient EnqueueReply(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Enqueue(new ScriptedStep(null, response, null));
    }

    /// <summary>Queues a fault for the next call that has no earlier step queued.</summary>
    /// <param name="fault">The failure to raise.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient EnqueueFault(ScriptedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Enqueue(new ScriptedStep(null, null, fault));
    }

    /// <summary>Makes the calls with the given numbers fail, whatever is queued.</summary>
    /// <param name="fault">The failure to raise.</param>
    /// <param name="callNumbers">1-based call numbers, counted over the client's lifetime.</param>
    /// <returns>This client, for chaining.</returns>
    public ScriptedChatClient FailCalls(ScriptedFault fault, params int[] callNumbers)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(callNumbers);
        lock (_gate)
        {
            foreach (var callNumber in callNumbers)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callNumber);
                _faultsByCall[callNumber] = fault;
            }
        }

        return this;
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (callNumber, input, step) = Begin(messages, options, streaming: false);
        await WaitAsync(Latency, cancellationToken);
        if (step.Fault is { } fault)
        {
            throw CreateException(fault);
        }

        return BuildResponse(callNumber, input, options, step);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (callNumber, input, step) = Begin(messages, options, streaming: true);
        await WaitAsync(Latency, cancellationToken);
        if (step.Fault is { AfterChunks: 0 } immediate)
        {
            throw CreateException(immediate);
        }

        var response = BuildResponse(callNumber, input, options, step);
        var text = response.Text;
        var chunkCount = Math.Max(1, Math.Min(StreamingChunkCount, text.Length));
        var messageId = response.Messages.Count > 0 ? response.Messages[0].MessageId : null;
        for (var i = 0; i < chunkCount; i++)
        {
            if (step.Fault is { } fault && fault.AfterChunks == i)
            {
                throw CreateException(fault);
            }

            if (i > 0)
            {
                await WaitAsync(ChunkDelay, cancellationToken);
            }

            var start = text.Length * i / chunkCount;
            var end = text.Length * (i + 1) / chunkCount;
            var update = new ChatResponseUpdate(ChatRole.Assistant, text[start..end])
            {
                ResponseId = response.ResponseId,
                MessageId = messageId,
                ModelId = response.ModelId,
                CreatedAt = response.CreatedAt,
            };
            if (i == chunkCount - 1)
            {
                // The last chunk carries what providers send at the end of a stream: finish reason and usage.
                update.FinishReason = response.FinishReason;
                if (response.Usage is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }
            }

            yield return update;
        }

        if (step.Fault is { } late && late.AfterChunks >= chunkCount)
        {
            throw CreateException(late);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Nothing to release: the client holds only in-memory state.
    }

    private static string EchoLastUserMessage(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                return messages[i].Text;
            }
        }

        return messages.Count > 0 ? messages[^1].Text : string.Empty;
    }

    private static Exception CreateException(ScriptedFault fault) => fault.Kind switch
    {
        ScriptedFaultKind.Timeout => new TaskCanceledException(
            "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
            new TimeoutException("The operation was canceled.")),
        _ => new ClientResultException(new ScriptedPipelineResponse(fault.StatusCode, fault.RetryAfter)),
    };

    private static int CountTokens(string text)
    {
        // Words separated by white space: a stable stand-in for a tokenizer, enough for usage-driven tests.
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    private ScriptedChatClient Enqueue(ScriptedStep step)
    {
        lock (_gate)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    private (int CallNumber, IReadOnlyList<ChatMessage> Input, ScriptedStep Step) Begin(
        IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        List<ChatMessage> input = [.. messages];
        lock (_gate)
        {
            var callNumber = ++_callCount;
            if (RecordsRequests)
            {
                _requests.Add(new ScriptedRequest(callNumber, input, options?.Clone(), streaming));
            }
            if (_faultsByCall.TryGetValue(callNumber, out var injected))
            {
                return (callNumber, input, new ScriptedStep(null, null, injected));
            }

            return (callNumber, input, _steps.TryDequeue(out var step) ? step : ScriptedStep.UseResponder);
        }
    }

    private ChatResponse BuildResponse(int callNumber, IReadOnlyList<ChatMessage> input, ChatOptions? options, ScriptedStep step)
    {
        if (step.Response is { } scripted)
        {
            scripted.Usage ??= ComputeUsage(input, scripted.Text);
            return scripted;
        }

        var text = step.Text ?? Responder(input, options);
        var responseId = $"scripted-{callNumber}";
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text) { MessageId = responseId })
        {
            ResponseId = responseId,
            ModelId = options?.ModelId ?? DefaultModelId,
            CreatedAt = _timeProvider.GetUtcNow(),
            FinishReason = ChatFinishReason.Stop,
            Usage = ComputeUsage(input, text),
        };
    }

    private static UsageDetails ComputeUsage(IReadOnlyList<ChatMessage> input, string output)
    {
        var inputTokens = 0;
        foreach (var message in input)
        {
            inputTokens += CountTokens(message.Text);
        }

        var outputTokens = CountTokens(output);
        return new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = inputTokens + outputTokens,
        };
    }

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, _timeProvider, cancellationToken) : Task.CompletedTask;

    private readonly record struct ScriptedStep(string? Text, ChatResponse? Response, ScriptedFault? Fault)
    {
        public static ScriptedStep UseResponder => default;
    }
}
