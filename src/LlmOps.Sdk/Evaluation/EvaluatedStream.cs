using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes a stream's updates through, keeping them, and evaluates the assembled response when the stream ends.</summary>
/// <remarks>
/// Written by hand rather than as an async iterator, so that an update costs a pass-through call and an array store:
/// no state machine step and no allocation per update. Only a stream that ran to its end is evaluated: a caller that
/// stops early has no response to score. Each <see cref="GetAsyncEnumerator"/> after the first gets a stream of its own.
/// </remarks>
internal sealed class EvaluatedStream : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private readonly IChatClient _innerClient;
    private readonly EvaluationPipeline _pipeline;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly ulong _sampled;
    private readonly CancellationToken _callToken;
    private CancellationToken _token;
    private CancellationTokenSource? _linkedCancellation;
    private IAsyncEnumerator<ChatResponseUpdate>? _updates;
    private StreamedUpdates? _kept;
    private ChatMessage[]? _input;
    private CallStart _start;
    private bool _ended;
    private int _enumerated;

    public EvaluatedStream(
        IChatClient innerClient, EvaluationPipeline pipeline, IEnumerable<ChatMessage> messages, ChatOptions? options, ulong sampled,
        CancellationToken cancellationToken)
    {
        _innerClient = innerClient;
        _pipeline = pipeline;
        _messages = messages;
        _options = options;
        _sampled = sampled;
        _callToken = cancellationToken;
    }

    /// <inheritdoc/>
    public ChatResponseUpdate Current =>
        _updates is { } updates ? updates.Current : throw new InvalidOperationException("Call MoveNextAsync before reading Current.");

    /// <inheritdoc/>
    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var stream = Interlocked.Exchange(ref _enumerated, 1) == 0
            ? this
            : new EvaluatedStream(_innerClient, _pipeline, _messages, _options, _sampled, _callToken) { _enumerated = 1 };
        (stream._token, stream._linkedCancellation) = StreamCancellation.Combine(_callToken, cancellationToken);
        return stream;
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync()
    {
        if (_ended)
        {
            return new ValueTask<bool>(false);
        }

        ValueTask<bool> next;
        try
        {
            next = (_updates ?? Start()).MoveNextAsync();
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<bool>(exception);
        }

        return next.IsCompletedSuccessfully ? Step(next.Result) : AwaitNextAsync(next);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var updates = _updates;
        _updates = null;
        try
        {
            if (updates is not null)
            {
                await updates.DisposeAsync();
            }
        }
        finally
        {
            _kept?.Dispose();
            _linkedCancellation?.Dispose();
        }
    }

    private IAsyncEnumerator<ChatResponseUpdate> Start()
    {
        // While the caller reads a stream it may already be adding to its history list: evaluators read a copy.
        _input = [.. _messages];
        _start = _pipeline.Start();
        _kept = new StreamedUpdates();
        _updates = _innerClient.GetStreamingResponseAsync(_input, _options, _token).GetAsyncEnumerator(_token);
        return _updates;
    }

    private ValueTask<bool> Step(bool hasUpdate)
    {
        if (hasUpdate)
        {
            _kept!.Add(_updates!.Current);
            return new ValueTask<bool>(true);
        }

        _ended = true;
        var evaluation = _pipeline.EvaluateAsync(_start, _input!, _options, _kept!.ToChatResponse(), _sampled, streaming: true, _token);
        return evaluation.IsCompletedSuccessfully ? new ValueTask<bool>(false) : AwaitEvaluationAsync(evaluation);
    }

    private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next) => await Step(await next);

    private static async ValueTask<bool> AwaitEvaluationAsync(Task evaluation)
    {
        await evaluation;
        return false;
    }
}
