using LlmOps.Sdk.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores finished calls with the configured evaluators: inline before the call returns, or in the background.</summary>
/// <remarks>
/// <para>
/// Thread-safe. Each call is sampled once per evaluator before it starts; a call no evaluator samples passes through
/// untouched. Inline scores become <c>gen_ai.evaluation.result</c> events on the call's span; background ones run on a
/// bounded queue under a child span of the call. Every result goes to the <c>llmops.evaluation.score</c> histogram and
/// to the <see cref="IEvaluationSink"/>s. When none of these would see a score (no sink, no listener on the histogram,
/// no recorded span), no evaluator runs.
/// </para>
/// <para>
/// A failed call is not evaluated. An evaluator that throws or times out yields a score with an
/// <see cref="EvaluationScore.ErrorType"/>; it never fails the call, and never holds it longer than its timeout.
/// A streamed response is evaluated once the stream has ended, on the response assembled from its updates.
/// </para>
/// </remarks>
public sealed class EvaluationChatClient : DelegatingChatClient, IAsyncDisposable
{
    private readonly EvaluationPipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="EvaluationChatClient"/> class.</summary>
    /// <param name="innerClient">The client whose responses are evaluated.</param>
    /// <param name="options">The evaluators, sinks and queue settings; evaluator types are created without services.</param>
    /// <param name="loggerFactory">Where evaluator failures and dropped work are logged; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for latency and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public EvaluationChatClient(
        IChatClient innerClient, EvaluationOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(innerClient, EvaluationPipelineFactory.Create(
            options, EmptyServices.Instance, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System))
    {
    }

    internal EvaluationChatClient(IChatClient innerClient, EvaluationPipeline pipeline)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _pipeline = pipeline;
    }

    internal EvaluationPipeline Pipeline => _pipeline;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sampled = _pipeline.Sample();
        return sampled == 0
            ? base.GetResponseAsync(messages, options, cancellationToken) // no evaluator for this call: no state machine, no allocation
            : GetEvaluatedResponseAsync(messages, options, sampled, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sampled = _pipeline.Sample();
        return sampled == 0
            ? base.GetStreamingResponseAsync(messages, options, cancellationToken)
            : new EvaluatedStream(InnerClient, _pipeline, messages ?? throw new ArgumentNullException(nameof(messages)), options, sampled, cancellationToken);
    }

    /// <summary>Waits for queued background evaluations (within the drain timeout) when this stage owns its queue, then disposes.</summary>
    /// <returns>A task that completes when the stage is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        Dispose();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Synchronous disposal still drains, within the drain timeout, so that queued scores are not lost silently.
            _pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    /// <summary>Returns the input as the evaluators will read it, after the provider has.</summary>
    private IReadOnlyList<ChatMessage> Replayable(IEnumerable<ChatMessage> messages, ulong sampled)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // A one-shot sequence reads only once: copy it. A background evaluator reads after the call has returned, when
        // callers often append the response to their own history list: copy that too. Inline evaluators finish before
        // the call returns, so they can read the caller's list as it is.
        return messages is IReadOnlyList<ChatMessage> list && !_pipeline.RunsInBackground(sampled) ? list : [.. messages];
    }

    private Task<ChatResponse> GetEvaluatedResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, ulong sampled, CancellationToken cancellationToken)
    {
        var input = Replayable(messages, sampled);
        var start = _pipeline.Start();
        Task<ChatResponse> call;
        try
        {
            call = base.GetResponseAsync(input, options, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<ChatResponse>(exception);
        }

        if (!call.IsCompletedSuccessfully)
        {
            return AwaitCallThenEvaluateAsync(call, start, input, options, sampled, cancellationToken);
        }

#pragma warning disable RS0030 // The task has completed: reading its result does not block.
        var response = call.Result;
#pragma warning restore RS0030
        var evaluation = _pipeline.EvaluateAsync(start, input, options, response, sampled, streaming: false, cancellationToken);

        // Evaluated at once: the provider's own task is the answer, so the stage adds no task of its own.
        return evaluation.IsCompletedSuccessfully ? call : AwaitEvaluationAsync(response, evaluation);
    }

    private async Task<ChatResponse> AwaitCallThenEvaluateAsync(
        Task<ChatResponse> call, CallStart start, IReadOnlyList<ChatMessage> input, ChatOptions? options, ulong sampled,
        CancellationToken cancellationToken)
    {
        var response = await call;
        await _pipeline.EvaluateAsync(start, input, options, response, sampled, streaming: false, cancellationToken);
        return response;
    }

    private static async Task<ChatResponse> AwaitEvaluationAsync(ChatResponse response, Task evaluation)
    {
        await evaluation;
        return response;
    }
}
