using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using Polly.Timeout;
using static LlmOps.Sdk.Tests.Resilience.ResilienceTestKit;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class ResilienceChatClientTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static TheoryData<int, bool> TransientStatuses => WithBothPaths(408, 429, 500, 502, 503, 504);

    public static TheoryData<int, bool> PermanentStatuses => WithBothPaths(400, 401, 403, 404, 422);

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task GetResponseAsync_TransientStatus_RetriesAndSucceeds(int status, bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.Http(status)).EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        var text = await call;

        Assert.Equal("recovered", text);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [MemberData(nameof(PermanentStatuses))]
    public async Task GetResponseAsync_PermanentStatus_FailsWithoutRetry(int status, bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.Http(status)).EnqueueReply("never");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);

        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => CallAsync(client, streaming));

        Assert.Equal(status, error.Status);
        Assert.Equal(1, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_HttpClientTimeout_Retries(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.Timeout()).EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("recovered", await call);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetryAfter_WaitsWhatTheProviderAsked(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(7)))
            .EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);

        var call = CallAsync(client, streaming);
        var delay = await time.NextTimerAsync();
        time.Advance(delay);
        await call;

        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetryAfterAboveMaximum_WaitsTheMaximum(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromMinutes(5)))
            .EnqueueReply("recovered");
        var options = ExactOptions();
        options.MaxRetryAfter = TimeSpan.FromSeconds(20);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        var delay = await time.NextTimerAsync();
        time.Advance(delay);
        await call;

        Assert.Equal(TimeSpan.FromSeconds(20), delay);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetryAfterBeyondTotalTimeout_FailsAtOnceWithTheProvidersErrorInside(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(90)))
            .EnqueueReply("never");
        var options = ExactOptions();
        options.MaxRetryAfter = TimeSpan.FromMinutes(5);
        options.TotalTimeout = TimeSpan.FromSeconds(60);
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<ResilienceChatClient>();
        using var client = new ResilienceChatClient(
            provider, options, pipeline: null, pipelineFromOptions: true, fallbackClient: null, time, logs, meterFactory: null);

        var error = await Assert.ThrowsAsync<RetriesExhaustedException>(() => CallAsync(client, streaming));

        Assert.Equal(429, Assert.IsType<System.ClientModel.ClientResultException>(error.InnerException).Status);
        Assert.Equal(1, provider.CallCount);
        var log = Assert.Single(logs.Collector.GetSnapshot(), static l => l.Id.Id == 404);
        Assert.Contains("90000 ms", log.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience.TotalTimeout", log.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetryAfterBeyondTotalTimeoutWithFallback_FallbackAnswersAtOnce(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(90)));
        var fallback = new ScriptedChatClient().EnqueueReply("from fallback");
        var options = ExactOptions();
        options.MaxRetryAfter = TimeSpan.FromMinutes(5);
        options.TotalTimeout = TimeSpan.FromSeconds(60);
        using var client = new ResilienceChatClient(provider, options, fallback, time);

        Assert.Equal("from fallback", await CallAsync(client, streaming));
        Assert.Equal(1, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetryAfterWithinTotalTimeout_Waits(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(50)))
            .EnqueueReply("recovered");
        var options = ExactOptions();
        options.TotalTimeout = TimeSpan.FromSeconds(60);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(50));

        Assert.Equal("recovered", await call);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RepeatedFailures_BacksOffExponentiallyUpToTheCap(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time);
        for (var i = 0; i < 4; i++)
        {
            provider.EnqueueFault(ScriptedFault.ServiceUnavailable());
        }

        provider.EnqueueReply("recovered");
        var options = ExactOptions(maxRetryAttempts: 4);
        options.MaxDelay = TimeSpan.FromSeconds(5);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        List<TimeSpan> delays = [];
        for (var i = 0; i < 4; i++)
        {
            delays.Add(await time.NextTimerAsync());
            time.Advance(delays[^1]);
        }

        Assert.Equal("recovered", await call);
        Assert.Equal([1, 2, 4, 5], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task GetResponseAsync_JitterOn_RandomisesTheBackoff()
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("recovered");
        var options = ExactOptions();
        options.UseJitter = true;
        var pipeline = ResiliencePipelineFactory.Create(options, time, randomizer: static () => 0.9);
        using var client = new ResilienceChatClient(
            provider, options, pipeline, pipelineFromOptions: true, null, time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, null);

        var call = CallAsync(client, streaming: false);
        var delay = await time.NextTimerAsync();
        time.Advance(delay);
        await call;

        Assert.NotEqual(OneSecond, delay);
        Assert.InRange(delay, TimeSpan.Zero, options.MaxDelay);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetriesExhausted_ThrowsRetriesExhaustedWithTheLastFailureInside(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2, 3);
        using var client = new ResilienceChatClient(provider, ExactOptions(maxRetryAttempts: 2), timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<RetriesExhaustedException>(() => call);

        Assert.Equal(503, Assert.IsType<System.ClientModel.ClientResultException>(error.InnerException).Status);
        Assert.Equal(3, error.AttemptCount);
        Assert.Equal("http_503", error.Reason);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CallerCancels_NeverRetries(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(10) };
        var options = ExactOptions();
        options.IsTransient = static _ => true; // even a classifier that retries everything does not retry the caller's cancellation
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);
        using var cancellation = new CancellationTokenSource();

        var call = CallAsync(client, streaming, cancellationToken: cancellation.Token);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_AttemptTimesOut_RetriesThenThrowsRetriesExhaustedForTimeout(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(30) };
        var options = ExactOptions(maxRetryAttempts: 1);
        options.AttemptTimeout = TimeSpan.FromSeconds(5);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        await AdvanceOnceTheProviderWaitsAsync(time, TimeSpan.FromSeconds(5));
        await time.AdvanceWhenArmedAsync(OneSecond);
        await AdvanceOnceTheProviderWaitsAsync(time, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<RetriesExhaustedException>(() => call);
        Assert.Equal("timeout", error.Reason);
        Assert.Equal(2, error.AttemptCount);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_TotalTimeoutDuringBackoff_StopsRetrying(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2, 3, 4);
        var options = ExactOptions();
        options.BaseDelay = TimeSpan.FromSeconds(10);
        options.TotalTimeout = TimeSpan.FromSeconds(15);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<RetriesExhaustedException>(() => call);
        Assert.Equal("timeout", error.Reason);
        Assert.Equal(2, provider.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsAfterFirstUpdate_SurfacesWithoutRetry()
    {
        var provider = new ScriptedChatClient()
            .EnqueueFault(ScriptedFault.ServiceUnavailable() with { AfterChunks = 1 })
            .EnqueueReply("never");
        using var client = new ResilienceChatClient(provider, ExactOptions());
        List<string> received = [];

        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello world, how are you"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(503, error.Status);
        Assert.Single(received);
        Assert.Equal(1, provider.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsBeforeFirstUpdate_RetriesAndStreamsEverything()
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("one two three four");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);
        List<string> received = [];

        var call = Task.Run(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                received.Add(update.Text);
            }
        });
        await time.AdvanceWhenArmedAsync(OneSecond);
        await call;

        Assert.Equal("one two three four", string.Concat(received));
        Assert.Equal(4, received.Count);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_OneShotMessages_SendsThemAgainOnRetry(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);
        var messages = new OneShotMessages(new ChatMessage(ChatRole.User, "hello"));

        var call = streaming
            ? Task.Run(async () => { await foreach (var _ in client.GetStreamingResponseAsync(messages)) { } })
            : client.GetResponseAsync(messages);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await call;

        Assert.Equal(2, provider.CallCount);
        Assert.All(provider.Requests, r => Assert.Equal("hello", r.Messages[0].Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_OneShotMessagesAndFallback_SendsThemToTheFallback(bool streaming)
    {
        var provider = new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable());
        var fallback = new ScriptedChatClient();
        using var client = new ResilienceChatClient(provider, ExactOptions(maxRetryAttempts: 0), fallback);
        var messages = new OneShotMessages(new ChatMessage(ChatRole.User, "hello"));

        if (streaming)
        {
            await foreach (var _ in client.GetStreamingResponseAsync(messages))
            {
            }
        }
        else
        {
            await client.GetResponseAsync(messages);
        }

        Assert.Equal("hello", Assert.Single(fallback.Requests).Messages[0].Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ClassifierSaysPermanent_DoesNotRetryTransientStatus(bool streaming)
    {
        var provider = new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("never");
        var options = ExactOptions();
        options.IsTransient = static _ => false;
        using var client = new ResilienceChatClient(provider, options);

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => CallAsync(client, streaming));

        Assert.Equal(1, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ClassifierSaysTransient_RetriesUnknownFailure(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.Http(418)).EnqueueReply("recovered");
        var options = ExactOptions();
        options.IsTransient = static e => e is System.ClientModel.ClientResultException { Status: 418 } ? true : null;
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("recovered", await call);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CircuitOpen_ThrowsCircuitOpenWithoutCallingTheProvider(bool streaming)
    {
        var provider = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2);
        using var client = new ResilienceChatClient(provider, BreakerOptions());
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => CallAsync(client, streaming));
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => CallAsync(client, streaming));

        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => CallAsync(client, streaming));

        Assert.Equal(0, error.AttemptCount);
        Assert.Equal("circuit_open", error.Reason);
        Assert.Equal(503, Assert.IsType<System.ClientModel.ClientResultException>(error.InnerException).Status);
        Assert.Contains("BreakDuration", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CircuitOpensAfterTheCallsOwn503_ThrowsCircuitOpenWithThatErrorInside(bool streaming)
    {
        // The first call fails once and is retried; the second call's own 503 brings failures to 2 of 3 and opens the circuit.
        var provider = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1, 3);
        var options = BreakerOptions();
        options.MaxRetryAttempts = 1;
        options.BaseDelay = TimeSpan.Zero;
        using var client = new ResilienceChatClient(provider, options);
        await CallAsync(client, streaming, prompt: "first");

        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => CallAsync(client, streaming, prompt: "second"));

        Assert.Equal(1, error.AttemptCount);
        Assert.Equal(503, Assert.IsType<System.ClientModel.ClientResultException>(error.InnerException).Status);
        Assert.Equal("second", provider.Requests[^1].Messages[^1].Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_CircuitOpenWithFallback_FallbackAnswersWithoutCallingTheProvider(bool streaming)
    {
        var provider = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2);
        var fallback = new ScriptedChatClient { Responder = static (_, _) => "from fallback" };
        using var client = new ResilienceChatClient(provider, BreakerOptions(), fallback);
        await CallAsync(client, streaming);
        await CallAsync(client, streaming);

        var text = await CallAsync(client, streaming);

        Assert.Equal("from fallback", text);
        Assert.Equal(2, provider.CallCount);
        Assert.Equal(3, fallback.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetriesExhaustedWithFallback_FallbackAnswers(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time).FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2);
        var fallback = new ScriptedChatClient().EnqueueReply("from fallback");
        using var client = new ResilienceChatClient(provider, ExactOptions(maxRetryAttempts: 1), fallback, time);

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("from fallback", await call);
        Assert.Equal(2, provider.CallCount);
        Assert.Equal(1, fallback.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_PermanentFailureWithFallback_ThrowsWithoutFallback(bool streaming)
    {
        var provider = new ScriptedChatClient().EnqueueFault(ScriptedFault.Http(400));
        var fallback = new ScriptedChatClient().EnqueueReply("from fallback");
        using var client = new ResilienceChatClient(provider, ExactOptions(), fallback);

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => CallAsync(client, streaming));

        Assert.Equal(0, fallback.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_RetriedCall_RecordsEachAttemptOnTheSpan(bool streaming)
    {
        using var spans = new SpanRecorder();
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(3)))
            .EnqueueFault(ScriptedFault.ServiceUnavailable())
            .EnqueueReply("recovered");
        using var client = new ResilienceChatClient(provider, ExactOptions(), timeProvider: time);
        using var span = spans.StartCall();

        var call = CallAsync(client, streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(3));
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(2));
        await call;

        var attempts = SpanRecorder.Attempts(span);
        Assert.Equal(3, attempts.Count);
        Assert.Equal([1, 2, 3], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.number")));
        Assert.Equal(["retried", "retried", "ok"], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.status")));
        Assert.Equal(["http_429", "http_503", null], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.reason")));
        Assert.Equal([429, 503, null], attempts.Select(e => SpanRecorder.Tag(e, "http.response.status_code")));
        Assert.Equal([3000.0, 2000.0, null], attempts.Select(e => SpanRecorder.Tag(e, "llmops.retry.delay_ms")));
        Assert.Equal(2, span.GetTagItem("llmops.retry.attempts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_FirstAttemptSucceeds_RecordsOneAttemptAndNoRetry(bool streaming)
    {
        using var spans = new SpanRecorder();
        using var client = new ResilienceChatClient(new ScriptedChatClient(), ExactOptions());
        using var span = spans.StartCall();

        await CallAsync(client, streaming);

        var attempt = Assert.Single(SpanRecorder.Attempts(span));
        Assert.Equal("ok", SpanRecorder.Tag(attempt, "llmops.attempt.status"));
        Assert.Equal(0, span.GetTagItem("llmops.retry.attempts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_PermanentFailure_RecordsAFailedAttempt(bool streaming)
    {
        using var spans = new SpanRecorder();
        using var client = new ResilienceChatClient(new ScriptedChatClient().EnqueueFault(ScriptedFault.Http(401)), ExactOptions());
        using var span = spans.StartCall();

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => CallAsync(client, streaming));

        var attempt = Assert.Single(SpanRecorder.Attempts(span));
        Assert.Equal("failed", SpanRecorder.Tag(attempt, "llmops.attempt.status"));
        Assert.Equal("http_401", SpanRecorder.Tag(attempt, "llmops.attempt.reason"));
        Assert.Equal("System.ClientModel.ClientResultException", SpanRecorder.Tag(attempt, "error.type"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_AttemptTimesOut_RecordsTheTimeout(bool streaming)
    {
        using var spans = new SpanRecorder();
        var time = new TimerWatchingTimeProvider();
        var provider = new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(30) };
        var options = ExactOptions(maxRetryAttempts: 0);
        options.AttemptTimeout = TimeSpan.FromSeconds(5);
        using var client = new ResilienceChatClient(provider, options, timeProvider: time);
        using var span = spans.StartCall();

        var call = CallAsync(client, streaming);
        await AdvanceOnceTheProviderWaitsAsync(time, TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => call);

        var attempt = Assert.Single(SpanRecorder.Attempts(span));
        Assert.Equal("timeout", SpanRecorder.Tag(attempt, "llmops.attempt.reason"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_Fallback_RecordsTheFallbackOnTheSpan(bool streaming)
    {
        using var spans = new SpanRecorder();
        var provider = new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable());
        using var client = new ResilienceChatClient(provider, ExactOptions(maxRetryAttempts: 0), new ScriptedChatClient());
        using var span = spans.StartCall();

        await CallAsync(client, streaming);

        var fallback = Assert.Single(span.Events, e => e.Name == "llmops.resilience.fallback");
        Assert.Equal("http_503", SpanRecorder.Tag(fallback, "llmops.fallback.reason"));
        Assert.Equal("failed", SpanRecorder.Tag(Assert.Single(SpanRecorder.Attempts(span)), "llmops.attempt.status"));
    }

    [Fact]
    public async Task GetResponseAsync_HostSpanOfAnotherSource_IsNotWrittenTo()
    {
        using var otherSource = new System.Diagnostics.ActivitySource("Host.Requests");
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s == otherSource,
            Sample = static (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var client = new ResilienceChatClient(new ScriptedChatClient(), ExactOptions());
        using var hostSpan = otherSource.StartActivity("GET /chat")!;

        await client.GetResponseAsync("hello");

        Assert.Empty(hostSpan.Events);
        Assert.Null(hostSpan.GetTagItem("llmops.retry.attempts"));
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowsNamingOptionAndRange()
    {
        var options = new ResilienceOptions { MaxRetryAttempts = 11 };

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new ResilienceChatClient(new ScriptedChatClient(), options));

        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_ResilienceChatClient_FindsTheStage()
    {
        using var client = new ResilienceChatClient(new ScriptedChatClient());

        Assert.Same(client, client.GetService<ResilienceChatClient>());
    }

    /// <summary>Waits until the provider is in its 30 s latency, then moves the clock by <paramref name="attemptTimeout"/>.</summary>
    /// <remarks>
    /// The attempt timeout's timer is armed just before the attempt starts: advancing as soon as it is armed could time the
    /// attempt out before it reached the provider. The provider's own latency timer says the attempt is under way.
    /// </remarks>
    private static async Task AdvanceOnceTheProviderWaitsAsync(TimerWatchingTimeProvider time, TimeSpan attemptTimeout)
    {
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        time.Advance(attemptTimeout);
    }

    private static ResilienceOptions BreakerOptions()
    {
        var options = ExactOptions(maxRetryAttempts: 0);
        options.CircuitBreaker = new ResilienceCircuitBreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5 };
        return options;
    }
}
