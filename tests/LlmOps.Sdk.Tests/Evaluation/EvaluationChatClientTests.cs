using System.Diagnostics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Evaluation;

public sealed class EvaluationChatClientTests
{
    [Fact]
    public async Task UseEvaluation_NoEvaluator_ReturnsInnerClient()
    {
        await using var host = new EvaluationTestHost();

        var client = new ChatClientBuilder(host.Provider).UseLlmOpsEvaluation(new EvaluationOptions()).Build(host.Services);

        Assert.Same(host.Provider, client);
    }

    [Fact]
    public async Task Ctor_WithoutServices_ScoresIntoTheOptionsSinks()
    {
        var sink = new InMemoryEvaluationSink();
        var options = new EvaluationOptions { Evaluators = { new EvaluatorRegistration(new JsonValidityEvaluator()) }, Sinks = { sink } };
        using var client = new EvaluationChatClient(new ScriptedChatClient().EnqueueReply("{}"), options);

        await client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.True(Assert.Single(Assert.Single(sink.Records).Scores).Passed);
    }

    [Fact]
    public void UseEvaluation_TooManyEvaluators_ThrowsNamingTheLimit()
    {
        var options = new EvaluationOptions();
        for (var i = 0; i < 65; i++)
        {
            options.Evaluators.Add(new EvaluatorRegistration(TestEvaluator.Passing()));
        }

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsEvaluation(options));

        Assert.Contains("Evaluators", error.Message, StringComparison.Ordinal);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_SinkHangs_ReturnsWithinTheInlineBudget()
    {
        await using var host = new EvaluationTestHost();
        var options = host.Options(EvaluationTestHost.Inline(TestEvaluator.Passing(), timeout: TimeSpan.FromSeconds(2)));
        var never = new TaskCompletionSource();
        options.Sinks.Add(new HangingSink(never.Task));
        using var client = host.Build(options);

        var call = client.GetResponseAsync(EvaluationTestHost.Question());
        Assert.False(call.IsCompleted, "The call did not wait for the sinks within its budget.");
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await call;

        Assert.Single(host.Sink.Records); // the fast sink got the record
        Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 208);
    }

    [Fact]
    public async Task GetResponseAsync_CallerAppendsToHistoryAfterwards_BackgroundEvaluatorSeesTheInputAsSent()
    {
        await using var host = new EvaluationTestHost();
        var release = new TaskCompletionSource();
        var evaluator = TestEvaluator.Blocking(release.Task);
        var client = (EvaluationChatClient)host.Build(host.Options(EvaluationTestHost.Background(evaluator)));
        List<ChatMessage> history = [new(ChatRole.User, "hello")];

        var response = await client.GetResponseAsync(history);
        history.AddRange(response.Messages);
        release.SetResult();
        await client.DisposeAsync();

        Assert.Single(Assert.Single(evaluator.Contexts).Messages);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsEarly_EvaluatesNothing()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("A reply long enough to stream in several chunks.");
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(TestEvaluator.Passing())));

        await foreach (var update in client.GetStreamingResponseAsync(EvaluationTestHost.Question()))
        {
            break;
        }

        Assert.Empty(host.Sink.Records);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EnumeratedTwice_CallsAndScoresTwice()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("Paris").EnqueueReply("Lyon");
        var evaluator = TestEvaluator.Passing();
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));
        var stream = client.GetStreamingResponseAsync(EvaluationTestHost.Question());

        await foreach (var _ in stream)
        {
        }

        await foreach (var _ in stream)
        {
        }

        Assert.Equal(["Paris", "Lyon"], evaluator.Contexts.Select(static c => c.ResponseText));
        Assert.Equal(2, host.Sink.Records.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MoveNextAfterTheEnd_ScoresOnce()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("Paris is the capital");
        var evaluator = TestEvaluator.Passing();
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));
        await using var updates = client.GetStreamingResponseAsync(EvaluationTestHost.Question()).GetAsyncEnumerator();

        var read = 0;
        while (await updates.MoveNextAsync())
        {
            read++;
        }

        Assert.False(await updates.MoveNextAsync());
        Assert.Equal(4, read);
        Assert.Equal("Paris is the capital", Assert.Single(evaluator.Contexts).ResponseText);
    }

    [Fact]
    public void UseEvaluation_InvalidSamplingRate_ThrowsNamingOptionAndRange()
    {
        var options = new EvaluationOptions
        {
            Evaluators = { new EvaluatorRegistration(TestEvaluator.Passing(), new EvaluatorOptions { SamplingRate = 1.5 }) },
        };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsEvaluation(options));

        Assert.Contains("SamplingRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_InlineEvaluator_ScoresBeforeReturning(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("Paris");
        var evaluator = TestEvaluator.Passing();
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));

        var text = await CallAsync(client, streaming);

        Assert.Equal("Paris", text);
        var record = Assert.Single(host.Sink.Records);
        Assert.Equal(("always", EvaluationMode.Inline, "scripted-1"), (record.EvaluatorName, record.Mode, record.ResponseId));
        var context = Assert.Single(evaluator.Contexts);
        Assert.Equal(("Paris", streaming), (context.ResponseText, context.Streaming)); // a stream is scored on its assembled text
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_UnderCallSpan_AddsEvaluationResultEvents(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        using var spans = new SpanRecorder();
        var evaluator = new TestEvaluator("judge", (_, _) => new([new EvaluationScore("relevance", 0.75, passed: true, "on topic")]));
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));

        using (var call = spans.StartCall())
        {
            await CallAsync(client, streaming);
        }

        var span = Assert.Single(spans.Stopped);
        var result = Assert.Single(span.Events, static e => e.Name == "gen_ai.evaluation.result");
        var tags = result.Tags.ToDictionary(static t => t.Key, static t => t.Value);
        Assert.Equal("relevance", tags["gen_ai.evaluation.name"]);
        Assert.Equal(0.75, tags["gen_ai.evaluation.score.value"]);
        Assert.Equal("pass", tags["gen_ai.evaluation.score.label"]);
        Assert.Equal("on topic", tags["gen_ai.evaluation.explanation"]);
        Assert.Equal("scripted-1", tags["gen_ai.response.id"]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.1)]
    public async Task GetResponseAsync_SamplingRate_ScoresThatShareOfCalls(double rate)
    {
        const int Calls = 10_000;
        await using var host = new EvaluationTestHost();
        var sink = new InMemoryEvaluationSink(Calls);
        var options = new EvaluationOptions { Sinks = { sink } };
        options.Evaluators.Add(EvaluationTestHost.Inline(TestEvaluator.Passing(), samplingRate: rate));
        var random = new Random(20261128);
        using var client = host.Build(options, random.NextDouble);

        for (var i = 0; i < Calls; i++)
        {
            await client.GetResponseAsync(EvaluationTestHost.Question());
        }

        var share = (double)sink.Records.Count / Calls;
        Assert.True(Math.Abs(share - rate) <= 0.01, $"Sampling rate {rate} scored {share:P2} of {Calls} calls.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EvaluatorThrows_ReturnsResponseAndRecordsError(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("Paris");
        var evaluator = new TestEvaluator("broken", (_, _) => throw new InvalidOperationException("bug in the hook"));
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator), EvaluationTestHost.Inline(TestEvaluator.Passing())));

        var text = await CallAsync(client, streaming);

        Assert.Equal("Paris", text);
        var failed = Assert.Single(host.Sink.Records, static r => r.EvaluatorName == "broken");
        Assert.Equal("System.InvalidOperationException", Assert.Single(failed.Scores).ErrorType);
        Assert.Single(host.Sink.Records, static r => r.EvaluatorName == "always"); // the others still score
        var log = Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 200);
        Assert.Contains("broken", log.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EvaluatorCancellationCallbackThrowsAtTimeout_TimerDoesNotThrowAndCallTimesOut(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        var never = new TaskCompletionSource();
        var evaluator = new TestEvaluator("throws-on-cancel", async (_, cancellationToken) =>
        {
            using var registration = cancellationToken.Register(static () => throw new InvalidOperationException("cleanup failed"));
            await never.Task;
            return [];
        });
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator, timeout: TimeSpan.FromSeconds(2))));

        var call = CallAsync(client, streaming);
        var timerError = Record.Exception(() => host.Time.Advance(TimeSpan.FromSeconds(2)));
        await call;

        Assert.Null(timerError);
        var score = Assert.Single(Assert.Single(host.Sink.Records).Scores);
        Assert.Equal(("throws-on-cancel", "timeout"), (score.Name, score.ErrorType));
        Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 250);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EvaluatorHangs_ReturnsAfterItsTimeoutWithTimeoutError(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        var never = new TaskCompletionSource();
        using var client = host.Build(host.Options(
            EvaluationTestHost.Inline(TestEvaluator.Blocking(never.Task, name: "hangs"), timeout: TimeSpan.FromSeconds(2))));

        var call = CallAsync(client, streaming);
        Assert.False(call.IsCompleted, "The call returned before the inline evaluator finished or timed out.");
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var text = await call;

        Assert.Equal("What is the capital of France?", text);
        var score = Assert.Single(Assert.Single(host.Sink.Records).Scores);
        Assert.Equal(("hangs", "timeout"), (score.Name, score.ErrorType));
        Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 201);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_EvaluatorSlowBeforeItAwaits_TimeoutCountsFromItsStart(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        var never = new TaskCompletionSource<IReadOnlyList<EvaluationScore>>();
        var evaluator = new TestEvaluator("slow-start", (_, _) =>
        {
            host.Time.Advance(TimeSpan.FromSeconds(3)); // synchronous work before its first await
            return new ValueTask<IReadOnlyList<EvaluationScore>>(never.Task);
        });
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator, timeout: TimeSpan.FromSeconds(5))));

        var call = CallAsync(client, streaming);
        host.Time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted, "The evaluator timed out before its 5 s were up.");
        host.Time.Advance(TimeSpan.FromTicks(1));
        await call;

        var score = Assert.Single(Assert.Single(host.Sink.Records).Scores);
        Assert.Equal(("slow-start", "timeout"), (score.Name, score.ErrorType));
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancelsDuringAnAtOnceEvaluator_NextEvaluatorGetsAnUncancelledToken()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueReply("first").EnqueueReply("second");
        using var caller = new CancellationTokenSource();
        List<bool> cancelledOnEntry = [];
        var evaluator = new TestEvaluator("watches-token", (_, token) =>
        {
            cancelledOnEntry.Add(token.IsCancellationRequested);
            caller.Cancel(); // the caller gives up while the evaluator runs; it finishes at once all the same
            return new([new EvaluationScore("watches-token", 1.0, passed: true, "done")]);
        });
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));

        try
        {
            await client.GetResponseAsync(EvaluationTestHost.Question(), cancellationToken: caller.Token);
        }
        catch (OperationCanceledException)
        {
            // Either outcome is fine for the first call: what matters is the next evaluator's token.
        }

        await client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.Equal([false, false], cancelledOnEntry);
    }

    [Fact]
    public async Task GetResponseAsync_BackgroundEvaluatorHangs_TimesOutWithError()
    {
        await using var host = new EvaluationTestHost();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var client = (EvaluationChatClient)host.Build(host.Options(
            EvaluationTestHost.Background(TestEvaluator.Blocking(never.Task, started, name: "judge"), timeout: TimeSpan.FromSeconds(30))));

        await client.GetResponseAsync(EvaluationTestHost.Question());
        await started.Task;
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await client.DisposeAsync();

        var score = Assert.Single(Assert.Single(host.Sink.Records).Scores);
        Assert.Equal(("judge", "timeout"), (score.Name, score.ErrorType));
        Assert.Equal(0, client.Pipeline.Queue!.DroppedCount);
    }

    [Fact]
    public async Task GetResponseAsync_ProviderFails_EvaluatesNothingAndRethrows()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.EnqueueFault(ScriptedFault.ServiceUnavailable());
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(TestEvaluator.Passing())));

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(EvaluationTestHost.Question()));

        Assert.Empty(host.Sink.Records);
    }

    [Fact]
    public async Task GetResponseAsync_CallerContext_ReachesTheEvaluator()
    {
        await using var host = new EvaluationTestHost();
        host.Provider.Latency = TimeSpan.FromMilliseconds(250);
        var evaluator = TestEvaluator.Passing();
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));
        var options = new ChatOptions { AdditionalProperties = new() { ["llmops.prompt.name"] = "support-reply", ["llmops.prompt.version"] = 3 } }
            .WithReferenceAnswers(["Paris", "Paris, France"])
            .WithEvaluationMetadata("dataset", "geo-v1");

        var call = client.GetResponseAsync(EvaluationTestHost.Question(), options);
        host.Time.Advance(TimeSpan.FromMilliseconds(250));
        await call;

        var context = Assert.Single(evaluator.Contexts);
        Assert.Equal(("support-reply", 3), (context.PromptName, context.PromptVersion));
        Assert.Equal(["Paris", "Paris, France"], context.ReferenceAnswers);
        Assert.Equal("geo-v1", context.Metadata["dataset"]);
        Assert.Equal(TimeSpan.FromMilliseconds(250), context.Latency);
        Assert.Equal(6, context.Usage?.InputTokenCount);
        Assert.Null(context.EstimatedCostUsd); // no price table is wired yet
        var record = Assert.Single(host.Sink.Records);
        Assert.Equal(("support-reply", 3), (record.PromptName, record.PromptVersion));
    }

    [Fact]
    public async Task GetResponseAsync_CostEstimatorRegistered_CostReachesTheBudgetEvaluator()
    {
        await using var host = new EvaluationTestHost(static (response, _) => response.Usage!.TotalTokenCount * 0.001);
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(new CostBudgetEvaluator(0.01))));

        await client.GetResponseAsync(EvaluationTestHost.Question()); // 6 words in, the same 6 echoed out: 12 tokens

        var score = Assert.Single(Assert.Single(host.Sink.Records).Scores);
        Assert.Equal(0.012, score.Value!.Value, 12);
        Assert.False(score.Passed);
    }

    [Fact]
    public async Task GetResponseAsync_CostEstimatorThrows_CostIsUnknownAndCallSucceeds()
    {
        await using var host = new EvaluationTestHost(static (_, _) => throw new InvalidOperationException("no price table"));
        var evaluator = TestEvaluator.Passing();
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));

        await client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.Null(Assert.Single(evaluator.Contexts).EstimatedCostUsd);
    }

    [Fact]
    public async Task GetResponseAsync_NumericScore_RecordsHistogramByEvaluatorAndPrompt()
    {
        await using var host = new EvaluationTestHost();
        using var scores = new MetricCollector<double>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.evaluation.score");
        var evaluator = new TestEvaluator("f1", (_, _) => new([new EvaluationScore("token_f1", 0.5, passed: true)]));
        using var client = host.Build(host.Options(EvaluationTestHost.Inline(evaluator)));
        var options = new ChatOptions { AdditionalProperties = new() { ["llmops.prompt.name"] = "support-reply", ["llmops.prompt.version"] = 2 } };

        await client.GetResponseAsync(EvaluationTestHost.Question(), options);

        var measurement = Assert.Single(scores.GetMeasurementSnapshot());
        Assert.Equal(0.5, measurement.Value);
        Assert.Equal("token_f1", measurement.Tags["gen_ai.evaluation.name"]);
        Assert.Equal("f1", measurement.Tags["llmops.evaluation.evaluator"]);
        Assert.Equal("support-reply", measurement.Tags["gen_ai.prompt.name"]);
        Assert.Equal(2, measurement.Tags["llmops.prompt.version"]);
    }

    [Fact]
    public async Task GetResponseAsync_SinkThrows_CallSucceedsAndFailureIsCountedAndLogged()
    {
        await using var host = new EvaluationTestHost();
        using var failures = new MetricCollector<long>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.evaluation.sink.failures");
        var options = host.Options(EvaluationTestHost.Inline(TestEvaluator.Passing()));
        options.Sinks.Insert(0, new ThrowingSink());
        using var client = host.Build(options);

        var response = await client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.NotNull(response);
        Assert.Single(host.Sink.Records); // the next sink still gets the record
        Assert.Equal(1, failures.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 202);
    }

    [Fact]
    public async Task GetResponseAsync_BackgroundEvaluator_ReturnsBeforeItRunsAndDrainsOnDispose()
    {
        await using var host = new EvaluationTestHost();
        var release = new TaskCompletionSource();
        var client = (EvaluationChatClient)host.Build(host.Options(EvaluationTestHost.Background(TestEvaluator.Blocking(release.Task))));

        await client.GetResponseAsync(EvaluationTestHost.Question());
        Assert.Empty(host.Sink.Records);
        var dispose = client.DisposeAsync();
        release.SetResult();
        await dispose;

        var record = Assert.Single(host.Sink.Records);
        Assert.Equal(EvaluationMode.Background, record.Mode);
        Assert.Equal(0, client.Pipeline.Queue!.DroppedCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_BackgroundUnderCallSpan_RunsAsChildSpanWithEvent(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        using var spans = new SpanRecorder();
        var client = (EvaluationChatClient)host.Build(host.Options(EvaluationTestHost.Background(TestEvaluator.Passing("judge"))));

        Activity call;
        using (call = spans.StartCall())
        {
            await CallAsync(client, streaming);
        }

        await client.DisposeAsync();

        var evaluation = Assert.Single(spans.Stopped, static s => s.DisplayName == "evaluate judge");
        Assert.Equal(call.SpanId, evaluation.ParentSpanId);
        Assert.Equal("judge", evaluation.GetTagItem("llmops.evaluation.evaluator"));
        Assert.Single(evaluation.Events, static e => e.Name == "gen_ai.evaluation.result");
        Assert.DoesNotContain(call.Events, static e => e.Name == "gen_ai.evaluation.result");
        Assert.Equal(call.TraceId.ToHexString(), Assert.Single(host.Sink.Records).TraceId);
    }

    [Fact]
    public async Task GetResponseAsync_QueueFullUnderDropAndCount_DropsCountsAndLogsOnce()
    {
        await using var host = new EvaluationTestHost();
        using var dropped = new MetricCollector<long>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.evaluation.dropped");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        var options = host.Options(EvaluationTestHost.Background(TestEvaluator.Blocking(release.Task, started)));
        (options.QueueCapacity, options.WorkerCount, options.OverflowPolicy) = (1, 1, EvaluationOverflowPolicy.DropAndCount);
        var client = (EvaluationChatClient)host.Build(options);

        await client.GetResponseAsync(EvaluationTestHost.Question()); // taken by the worker, which blocks
        await started.Task;
        await client.GetResponseAsync(EvaluationTestHost.Question()); // fills the queue
        var third = client.GetResponseAsync(EvaluationTestHost.Question());
        var fourth = client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.True(third.IsCompletedSuccessfully && fourth.IsCompletedSuccessfully, "A full queue under DropAndCount delayed the call.");
        Assert.Equal(2, client.Pipeline.Queue!.DroppedCount);
        var measurements = dropped.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.EvaluateAsCounter());
        Assert.All(measurements, static m => Assert.Equal("queue_full", m.Tags["llmops.evaluation.drop_reason"]));
        Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 203);
        release.SetResult();
        await client.DisposeAsync();
        Assert.Equal(2, host.Sink.Records.Count);
    }

    [Fact]
    public async Task GetResponseAsync_QueueFullUnderWait_WaitsForRoomAndDropsNothing()
    {
        await using var host = new EvaluationTestHost();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        var options = host.Options(EvaluationTestHost.Background(TestEvaluator.Blocking(release.Task, started)));
        (options.QueueCapacity, options.WorkerCount, options.OverflowPolicy) = (1, 1, EvaluationOverflowPolicy.Wait);
        var client = (EvaluationChatClient)host.Build(options);

        await client.GetResponseAsync(EvaluationTestHost.Question());
        await started.Task;
        await client.GetResponseAsync(EvaluationTestHost.Question());
        var third = client.GetResponseAsync(EvaluationTestHost.Question());

        Assert.False(third.IsCompleted, "A full queue under Wait did not hold the call back.");
        release.SetResult();
        await third;
        await client.DisposeAsync();
        Assert.Equal(3, host.Sink.Records.Count);
        Assert.Equal(0, client.Pipeline.Queue!.DroppedCount);
    }

    [Fact]
    public async Task DisposeAsync_DrainTimeoutElapses_CountsAndLogsWhatIsLeft()
    {
        await using var host = new EvaluationTestHost();
        using var dropped = new MetricCollector<long>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.evaluation.dropped");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var options = host.Options(EvaluationTestHost.Background(TestEvaluator.Blocking(never.Task, started)));
        (options.WorkerCount, options.DrainTimeout) = (1, TimeSpan.FromSeconds(5));
        var client = (EvaluationChatClient)host.Build(options);
        await client.GetResponseAsync(EvaluationTestHost.Question()); // in flight, hangs
        await started.Task;
        await client.GetResponseAsync(EvaluationTestHost.Question()); // queued
        await client.GetResponseAsync(EvaluationTestHost.Question()); // queued

        var dispose = client.DisposeAsync().AsTask();
        Assert.False(dispose.IsCompleted, "Disposal did not wait for the queue to drain.");
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await dispose;

        Assert.Equal(3, client.Pipeline.Queue!.DroppedCount);
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal((3L, "shutdown"), (measurement.Value, measurement.Tags["llmops.evaluation.drop_reason"]));
        var log = Assert.Single(host.Logs.GetSnapshot(), static l => l.Id.Id == 204);
        Assert.Contains("3 background evaluations", log.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisposeAsync_EvaluationRunningAtDrainTimeout_CountedAsDroppedAndNotWritten(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        using var dropped = new MetricCollector<long>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.evaluation.dropped");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = host.Options(EvaluationTestHost.Background(TestEvaluator.UntilCanceled(started)));
        (options.WorkerCount, options.DrainTimeout) = (1, TimeSpan.FromSeconds(5));
        var client = (EvaluationChatClient)host.Build(options);
        await CallAsync(client, streaming);
        await started.Task; // running when the drain starts

        var dispose = client.DisposeAsync().AsTask();
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await dispose;
        await client.Pipeline.Queue!.Stopped; // the worker is done with it: whatever it would write is written

        var drops = dropped.GetMeasurementSnapshot().EvaluateAsCounter();
        Assert.True(drops + host.Sink.Records.Count == 1, $"Counted {drops} times as dropped and written {host.Sink.Records.Count} times.");
        Assert.Equal("shutdown", Assert.Single(dropped.GetMeasurementSnapshot()).Tags["llmops.evaluation.drop_reason"]);
        Assert.Equal(1, client.Pipeline.Queue.DroppedCount);
    }

    private static async Task<string> CallAsync(IChatClient client, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(EvaluationTestHost.Question())).Text;
        }

        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(EvaluationTestHost.Question()))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private sealed class HangingSink(Task release) : IEvaluationSink
    {
        public async ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken) => await release;
    }

    private sealed class ThrowingSink : IEvaluationSink
    {
        public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }
}
