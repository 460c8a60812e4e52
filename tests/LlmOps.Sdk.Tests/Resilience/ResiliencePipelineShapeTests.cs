using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using static LlmOps.Sdk.Tests.Resilience.ResilienceTestKit;

namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>
/// The stage behaves the same whatever the pipeline's shape: retries alone (the first attempt goes straight to the
/// provider, and into the pipeline only when it fails) or with a circuit breaker (every attempt runs in the pipeline).
/// </summary>
public sealed class ResiliencePipelineShapeTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static TheoryData<bool, bool> Shapes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GetResponseAsync_FailsThenSucceeds_RetriesOnceAndRecordsBothAttempts(bool withBreaker, bool streaming)
    {
        using var spans = new SpanRecorder();
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, Options(withBreaker), timeProvider: time);
        using var span = spans.StartCall();

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        var text = await call;

        Assert.Equal("recovered", text);
        Assert.Equal(2, provider.CallCount);
        var attempts = SpanRecorder.Attempts(span);
        Assert.Equal([1, 2], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.number")));
        Assert.Equal(["retried", "ok"], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.status")));
        Assert.Equal([1000.0, null], attempts.Select(e => SpanRecorder.Tag(e, "llmops.retry.delay_ms")));
        Assert.Equal(1, span.GetTagItem("llmops.retry.attempts"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GetResponseAsync_FirstAttemptSucceeds_RecordsAttemptOneAsOk(bool withBreaker, bool streaming)
    {
        using var spans = new SpanRecorder();
        using var client = new ResilienceChatClient(new ScriptedChatClient().EnqueueReply("fine"), Options(withBreaker));
        using var span = spans.StartCall();

        var text = await CallAsync(client, streaming);

        Assert.Equal("fine", text);
        var attempt = Assert.Single(SpanRecorder.Attempts(span));
        Assert.Equal(1, SpanRecorder.Tag(attempt, "llmops.attempt.number"));
        Assert.Equal("ok", SpanRecorder.Tag(attempt, "llmops.attempt.status"));
        Assert.Equal(0, span.GetTagItem("llmops.retry.attempts"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GetResponseAsync_ProviderThrowsBeforeReturningATask_Retries(bool withBreaker, bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var scripted = new ScriptedChatClient(time).EnqueueReply("recovered");
        using var client = new ResilienceChatClient(new ThrowsOnceClient(scripted), Options(withBreaker), timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("recovered", await call);
        Assert.Equal(1, scripted.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetStreamingResponseAsync_EnumeratedTwice_CallsTheProviderTwice(bool withBreaker)
    {
        var provider = new ScriptedChatClient().EnqueueReply("first answer").EnqueueReply("second answer");
        using var client = new ResilienceChatClient(provider, Options(withBreaker));
        var stream = client.GetStreamingResponseAsync("hello");

        var first = new List<string>();
        await foreach (var update in stream)
        {
            first.Add(update.Text);
        }

        var second = new List<string>();
        await foreach (var update in stream)
        {
            second.Add(update.Text);
        }

        Assert.Equal("first answer", string.Concat(first));
        Assert.Equal("second answer", string.Concat(second));
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GetResponseAsync_CancelledBeforeTheCall_NeverCallsTheProvider(bool withBreaker, bool streaming)
    {
        var provider = new ScriptedChatClient().EnqueueReply("never read");
        using var client = new ResilienceChatClient(provider, Options(withBreaker));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CallAsync(client, streaming, cancellationToken: cancellation.Token));

        Assert.Equal(0, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetStreamingResponseAsync_EnumeratorTokenCancelled_NeverCallsTheProvider(bool withBreaker)
    {
        var provider = new ScriptedChatClient().EnqueueReply("never read");
        using var client = new ResilienceChatClient(provider, Options(withBreaker));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hello").WithCancellation(cancellation.Token))
            {
            }
        });

        Assert.Equal(0, provider.CallCount);
    }

    private static ResilienceOptions Options(bool withBreaker)
    {
        var options = ExactOptions();
        if (withBreaker)
        {
            // A breaker that never opens here, only so that every attempt runs inside the pipeline.
            options.CircuitBreaker = new ResilienceCircuitBreakerOptions { MinimumThroughput = 1000 };
        }

        return options;
    }

    /// <summary>A provider whose first call throws before it returns a task, as a client validating its input would.</summary>
    private sealed class ThrowsOnceClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;

        public override Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? throw Unavailable() : base.GetResponseAsync(messages, options, cancellationToken);

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? throw Unavailable() : base.GetStreamingResponseAsync(messages, options, cancellationToken);

        private static HttpRequestException Unavailable() =>
            new("The provider is unavailable.", inner: null, System.Net.HttpStatusCode.ServiceUnavailable);
    }
}
