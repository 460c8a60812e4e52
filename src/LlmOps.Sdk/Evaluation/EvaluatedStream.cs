using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes a stream's updates through, keeping them, and evaluates the assembled response when the stream ends.</summary>
/// <remarks>
/// An update costs a pass-through call and an array store: no state machine step and no allocation per update. Only a
/// stream that ran to its end is evaluated: a caller that stops early has no response to score.
/// </remarks>
internal sealed class EvaluatedStream : PassThroughStream
{
    private readonly IChatClient _innerClient;
    private readonly EvaluationPipeline _pipeline;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly ulong _sampled;
    private StreamedUpdates? _kept;
    private ChatMessage[]? _input;
    private CallStart _start;
    private bool _ended;

    public EvaluatedStream(
        IChatClient innerClient, EvaluationPipeline pipeline, IEnumerable<ChatMessage> messages, ChatOptions? options, ulong sampled,
        CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _innerClient = innerClient;
        _pipeline = pipeline;
        _messages = messages;
        _options = options;
        _sampled = sampled;
    }

    /// <inheritdoc/>
    public override ValueTask<bool> MoveNextAsync()
    {
        if (_ended)
        {
            return new ValueTask<bool>(false);
        }

        ValueTask<bool> next;
        try
        {
            next = (Updates ?? Start()).MoveNextAsync();
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<bool>(exception);
        }

        return next.IsCompletedSuccessfully ? Step(next.Result) : AwaitNextAsync(next);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await DisposeUpdatesAsync();
        }
        finally
        {
            _kept?.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override PassThroughStream CreateAnother() => new EvaluatedStream(_innerClient, _pipeline, _messages, _options, _sampled, CallToken);

    private IAsyncEnumerator<ChatResponseUpdate> Start()
    {
        // While the caller reads a stream it may already be adding to its history list: evaluators read a copy.
        _input = [.. _messages];
        _start = _pipeline.Start();
        _kept = new StreamedUpdates();
        Updates = _innerClient.GetStreamingResponseAsync(_input, _options, Token).GetAsyncEnumerator(Token);
        return Updates;
    }

    private ValueTask<bool> Step(bool hasUpdate)
    {
        if (hasUpdate)
        {
            _kept!.Add(Updates!.Current);
            return new ValueTask<bool>(true);
        }

        _ended = true;
        var evaluation = _pipeline.EvaluateAsync(_start, _input!, _options, _kept!.ToChatResponse(), _sampled, streaming: true, Token);
        return evaluation.IsCompletedSuccessfully ? new ValueTask<bool>(false) : AwaitEvaluationAsync(evaluation);
    }

    private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next) => await Step(await next);

    private static async ValueTask<bool> AwaitEvaluationAsync(Task evaluation)
    {
        await evaluation;
        return false;
    }
}
