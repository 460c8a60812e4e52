using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using static LlmOps.Sdk.Tests.Resilience.ResilienceTestKit;

namespace LlmOps.Sdk.Tests.Resilience.EndToEnd;

/// <summary>
/// The resilience stage in front of the real stack: Microsoft.Extensions.AI.OpenAI over the official OpenAI SDK, talking
/// HTTP to a local chat-completions server that injects faults and counts every attempt it receives.
/// </summary>
public sealed class OpenAiEndToEndTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_429WithRetryAfter_WaitsWhatTheServerAskedThenSucceeds(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Fail(429, ("Retry-After", "2"))
            : ServerAction.Reply("hello from the server"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(2));
        var text = await call;

        Assert.Equal("hello from the server", text);
        Assert.Equal(2, server.Attempts);
        var attempts = SpanRecorder.Attempts(spans.CallSpan(span));
        Assert.Equal(["retried", "ok"], attempts.Select(e => SpanRecorder.Tag(e, "llmops.attempt.status")));
        Assert.Equal("http_429", SpanRecorder.Tag(attempts[0], "llmops.attempt.reason"));
        Assert.Equal(2000.0, SpanRecorder.Tag(attempts[0], "llmops.retry.delay_ms"));
        Assert.Equal(1, spans.CallSpan(span).GetTagItem("llmops.retry.attempts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RetryAfterHttpDate_WaitsUntilThatDate(bool streaming)
    {
        var time = new TimerWatchingTimeProvider();
        var retryAt = time.GetUtcNow().AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Fail(503, ("Retry-After", retryAt))
            : ServerAction.Reply("back"));
        await using var services = BuildServices(server, time);

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("back", await call);
        Assert.Equal(2, server.Attempts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_503Twice_BacksOffExponentiallyThenSucceeds(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber <= 2
            ? ServerAction.Fail(503)
            : ServerAction.Reply("recovered"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(2));

        Assert.Equal("recovered", await call);
        Assert.Equal(3, server.Attempts);
        Assert.Equal([1000.0, 2000.0, null], SpanRecorder.Attempts(spans.CallSpan(span)).Select(e => SpanRecorder.Tag(e, "llmops.retry.delay_ms")));
        Assert.Equal([503, 503, null], SpanRecorder.Attempts(spans.CallSpan(span)).Select(e => SpanRecorder.Tag(e, "http.response.status_code")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_DroppedConnection_RetriesAsNetworkFailure(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Drop()
            : ServerAction.Reply("reconnected"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("reconnected", await call);
        Assert.Equal(2, server.Attempts);
        Assert.Equal("network", SpanRecorder.Tag(SpanRecorder.Attempts(spans.CallSpan(span))[0], "llmops.attempt.reason"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_SlowResponse_AttemptTimesOutAndRetries(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Hang()
            : ServerAction.Reply("fast this time"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time, r => r.AttemptTimeout = TimeSpan.FromSeconds(10));
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await server.WaitForAttemptAsync(1);
        time.Advance(TimeSpan.FromSeconds(10));
        await time.AdvanceWhenArmedAsync(OneSecond);

        Assert.Equal("fast this time", await call);
        Assert.Equal(2, server.Attempts);
        var attempts = SpanRecorder.Attempts(spans.CallSpan(span));
        Assert.Equal("timeout", SpanRecorder.Tag(attempts[0], "llmops.attempt.reason"));
        Assert.Equal(1000.0, SpanRecorder.Tag(attempts[0], "llmops.retry.delay_ms"));
    }

    [Fact]
    public async Task Stream_CutAfterFirstUpdate_SurfacesWithoutRetry()
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.CutStream("Hello"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();
        var client = services.GetRequiredService<IChatClient>();

        await using var updates = client.GetStreamingResponseAsync("hi").GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        var first = updates.Current.Text;
        server.ReleaseCuts();
        var error = await Record.ExceptionAsync(async () =>
        {
            while (await updates.MoveNextAsync())
            {
            }
        });

        Assert.Equal("Hello", first);
        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal(1, server.Attempts);
        Assert.Equal("ok", SpanRecorder.Tag(Assert.Single(SpanRecorder.Attempts(spans.CallSpan(span))), "llmops.attempt.status"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_QuotaExhausted429_FailsWithoutRetry(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.QuotaExceeded());
        await using var services = BuildServices(server, new TimerWatchingTimeProvider());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => CallAsync(services.GetRequiredService<IChatClient>(), streaming));

        Assert.Equal(429, error.Status);
        Assert.Equal(1, server.Attempts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_BadRequest_FailsWithoutRetry(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.Fail(400));
        await using var services = BuildServices(server, new TimerWatchingTimeProvider());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => CallAsync(services.GetRequiredService<IChatClient>(), streaming));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task Call_OpenAiSdkRetriesLeftOn_ServerSeesAttemptsTheSpanNeverShows()
    {
        // Why the README says to turn the SDK's retries off: they happen underneath the stage, unseen and uncounted.
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber <= 2
            ? ServerAction.Fail(503, ("retry-after-ms", "10"))
            : ServerAction.Reply("third time lucky"));
        await using var services = BuildServices(server, TimeProvider.System, r => r.MaxRetryAttempts = 0, sdkRetries: true);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var text = await CallAsync(services.GetRequiredService<IChatClient>(), streaming: false);

        Assert.Equal("third time lucky", text);
        Assert.Equal(3, server.Attempts);
        Assert.Single(SpanRecorder.Attempts(spans.CallSpan(span)));
    }

    [Fact]
    public async Task Call_500ConcurrentWith20PercentFaults_AllSucceedAndEventsMatchServerAttempts()
    {
        const int Calls = 500;
        var firstAttempts = new ConcurrentDictionary<string, int>();
        await using var server = ChatCompletionsServer.Start(r =>
        {
            var call = int.Parse(r.UserText.AsSpan("call ".Length), CultureInfo.InvariantCulture);
            var isFirst = firstAttempts.AddOrUpdate(r.UserText, 1, static (_, n) => n + 1) == 1;
            return call % 5 == 0 && isFirst ? ServerAction.Fail(503) : ServerAction.Reply($"answer {call}");
        });
        await using var services = BuildServices(server, TimeProvider.System, r =>
        {
            r.BaseDelay = TimeSpan.FromMilliseconds(10);
            r.UseJitter = true;
        });
        var client = services.GetRequiredService<IChatClient>();
        using var spans = new SpanRecorder();
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => Task.Run(async () =>
        {
            using var span = spans.StartCall();
            var text = await CallAsync(client, streaming: i % 2 == 1, prompt: $"call {i}");
            return (Text: text, Events: SpanRecorder.Attempts(spans.CallSpan(span)).Count, Index: i);
        })));

        Assert.All(results, r => Assert.Equal($"answer {r.Index}", r.Text));
        Assert.Equal(Calls + (Calls / 5), server.Attempts);
        Assert.Equal(server.Attempts, results.Sum(r => r.Events));
        Assert.All(results, r => Assert.Equal(r.Index % 5 == 0 ? 2 : 1, r.Events));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"500 calls took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_ToolThen503_RetriesTheModelRequestAndRunsTheToolOnce(bool streaming)
    {
        await using var server = StartToolThen503Server();
        var time = new TimerWatchingTimeProvider();
        await using var provider = BuildToolLoopServices(server, time);
        var payments = 0;
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((int amount) => $"paid {Interlocked.Increment(ref payments) * amount}", "pay")],
        };
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallWithOptionsAsync(provider.GetRequiredService<IChatClient>(), streaming, options);
        await time.AdvanceWhenArmedAsync(OneSecond);
        var text = await call;

        Assert.Equal("paid", text);
        Assert.True(server.Attempts == 3, $"the server saw {server.Attempts} model requests");
        Assert.True(payments == 1, $"the tool ran {payments} times");
        Assert.Single(spans.Stopped, a => a.DisplayName.StartsWith("chat ", StringComparison.Ordinal) && a.ParentSpanId == span.SpanId);
    }

    [Fact]
    public async Task Call_ToolThen503_RecordsTheAttemptsOfEachModelRequestOnTheCallSpan()
    {
        await using var server = StartToolThen503Server();
        var time = new TimerWatchingTimeProvider();
        await using var provider = BuildToolLoopServices(server, time);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((int amount) => "paid", "pay")] };
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallWithOptionsAsync(provider.GetRequiredService<IChatClient>(), streaming: false, options);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await call;

        Assert.Equal(
            ["ok", "retried", "ok"], SpanRecorder.Attempts(spans.CallSpan(span)).Select(e => SpanRecorder.Tag(e, "llmops.attempt.status")));
        Assert.Equal(1, Assert.Single(spans.CallSpan(span).TagObjects, t => t.Key == "llmops.retry.attempts").Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PiiInRequestAndResponse_NoLogLineOfAnyCategoryHoldsIt(bool streaming)
    {
        // One of each kind the redactor knows; the answer arrives on a retry, so that every attempt log is written.
        string[] pii =
        [
            "jane.doe@example.com", "+1 415 555 0132", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "203.0.113.42",
            "sk-proj-Abcdefghijklmnopqrstuvwxyz012345",
        ];
        var details = string.Join(", ", pii);
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Fail(503)
            : ServerAction.Reply($"Noted: {details}"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time, logAll: true);
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming, prompt: $"My details: {details}");
        await time.AdvanceWhenArmedAsync(OneSecond);
        var text = await call;

        Assert.Contains(pii[2], text, StringComparison.Ordinal);
        var records = services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Category == "Polly"); // Polly's telemetry is on and logging
        Assert.All(records, r =>
        {
            var line = $"{r.Category}[{r.Id.Id}] {r.Message} {r.Exception} " +
                string.Join(" ", r.StructuredState?.Select(p => p.Value) ?? []);
            Assert.All(pii, value => Assert.DoesNotContain(value, line, StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_AttemptFails_LoggedOnceByUsNotByPolly(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1
            ? ServerAction.Fail(503)
            : ServerAction.Reply("recovered"));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time, logAll: true);

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await call;

        var records = services.GetFakeLogCollector().GetSnapshot();
        var attemptLines = records.Where(r => r.Message.Contains("attempt", StringComparison.OrdinalIgnoreCase) || r.Message.Contains("OnRetry", StringComparison.Ordinal));
        var line = Assert.Single(attemptLines);
        Assert.Equal(401, line.Id.Id);
        Assert.Contains("http_503", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RetriesExhausted_OneWarningForTheFailedCall(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.Fail(503));
        var time = new TimerWatchingTimeProvider();
        await using var services = BuildServices(server, time, r => r.MaxRetryAttempts = 1, logAll: true);

        var call = CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        await time.AdvanceWhenArmedAsync(OneSecond);
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => call);

        var warnings = services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        var warning = Assert.Single(warnings);
        Assert.Equal(302, warning.Id.Id);
        Assert.IsType<RetriesExhaustedException>(warning.Exception);
    }

    /// <summary>Registers the real OpenAI chat client, pointed at the server, behind AddLlmOps.</summary>
    /// <summary>Starts a server that asks for the tool <c>pay</c>, fails the next model request once with 503, then answers.</summary>
    private static ChatCompletionsServer StartToolThen503Server()
    {
        var failedOnce = 0;
        return ChatCompletionsServer.Start(r => r.ToolResults == 0
            ? ServerAction.CallTool("pay", """{"amount":42}""")
            : Interlocked.Exchange(ref failedOnce, 1) == 0 ? ServerAction.Fail(503) : ServerAction.Reply("paid"));
    }

    /// <summary>Wires the README's way: function invocation on the registered client, AddLlmOps around it.</summary>
    private static ServiceProvider BuildToolLoopServices(ChatCompletionsServer server, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddChatClient(_ => CreateOpenAiChatClient(server.Endpoint, sdkRetries: false)).UseFunctionInvocation();
        services.AddLlmOps(llmops => llmops.ConfigureResilience(r => r.UseJitter = false));
        return services.BuildServiceProvider();
    }

    private static ServiceProvider BuildServices(
        ChatCompletionsServer server, TimeProvider time, Action<ResilienceOptions>? configure = null, bool sdkRetries = false,
        bool logAll = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        if (logAll)
        {
            services.AddFakeLogging();
            services.AddLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        }

        services.AddChatClient(_ => CreateOpenAiChatClient(server.Endpoint, sdkRetries));
        services.AddLlmOps(llmops => llmops.ConfigureResilience(r =>
        {
            r.UseJitter = false; // exact delays to assert
            configure?.Invoke(r);
        }));
        return services.BuildServiceProvider();
    }

    private static async Task<string> CallWithOptionsAsync(IChatClient client, bool streaming, ChatOptions options)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync("pay 42", options)).Text;
        }

        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync("pay 42", options))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static IChatClient CreateOpenAiChatClient(Uri endpoint, bool sdkRetries)
    {
        var options = new OpenAIClientOptions { Endpoint = endpoint };
        if (!sdkRetries)
        {
            options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0); // the stage retries; the SDK must not retry underneath it
        }

        return new OpenAIClient(new ApiKeyCredential("test-key"), options).GetChatClient(ChatCompletionsServer.Model).AsIChatClient();
    }
}
