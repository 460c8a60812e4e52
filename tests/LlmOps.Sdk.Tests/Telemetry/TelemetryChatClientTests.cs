using System.ClientModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Telemetry.Redaction;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class TelemetryChatClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_Success_RecordsGenAiSpan(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient().EnqueueReply("Open Settings."), meterFactory: capture.MeterFactory);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        var span = capture.Span();
        Assert.Equal($"chat {capture.Model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chat", span.Tag(Attributes.OperationName));
        Assert.Equal(capture.Model, span.Tag(Attributes.RequestModel));
        Assert.Equal(ScriptedChatClient.ProviderName, span.Tag(Attributes.ProviderName));
        Assert.Equal(capture.Model, span.Tag(Attributes.ResponseModel));
        Assert.Equal("scripted-1", span.Tag(Attributes.ResponseId));
        Assert.Equal("[\"stop\"]", span.Tag(Attributes.ResponseFinishReasons));
        Assert.Equal(6, span.Tag(Attributes.UsageInputTokens));
        Assert.Equal(2, span.Tag(Attributes.UsageOutputTokens));
        Assert.Equal(streaming ? true : null, span.Tag(Attributes.RequestStream));
        Assert.Equal(streaming, span.Tag(Attributes.ResponseTimeToFirstChunk) is double);
        Assert.Null(span.Tag(Attributes.ErrorType));
    }

    [Fact]
    public async Task GetResponseAsync_RequestOptions_RecordedAsConventionAttributes()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), meterFactory: capture.MeterFactory);
        var options = new ChatOptions
        {
            ModelId = capture.Model, Temperature = 0.2f, TopP = 0.9f, TopK = 40, MaxOutputTokens = 256, Seed = 7,
            FrequencyPenalty = 0.5f, PresencePenalty = 0.25f, StopSequences = ["END", "STOP"], ConversationId = "conv-1",
            ResponseFormat = ChatResponseFormat.Json,
        };

        await client.GetResponseAsync(ChatCalls.Question, options);

        var span = capture.Span();
        Assert.Equal(0.2f, span.Tag(Attributes.RequestTemperature));
        Assert.Equal(0.9f, span.Tag(Attributes.RequestTopP));
        Assert.Equal(40, span.Tag(Attributes.RequestTopK));
        Assert.Equal(256, span.Tag(Attributes.RequestMaxTokens));
        Assert.Equal(7L, span.Tag(Attributes.RequestSeed));
        Assert.Equal(0.5f, span.Tag(Attributes.RequestFrequencyPenalty));
        Assert.Equal(0.25f, span.Tag(Attributes.RequestPresencePenalty));
        Assert.Equal("[\"END\", \"STOP\"]", span.Tag(Attributes.RequestStopSequences));
        Assert.Equal("conv-1", span.Tag(Attributes.ConversationId));
        Assert.Equal("json", span.Tag(Attributes.OutputType));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_SamplerDecides_SeesRequestAttributes(bool streaming)
    {
        using var parent = new Activity("sampler-test").Start();
        var parentTraceId = parent.TraceId;
        var seen = new LockedCollection<KeyValuePair<string, object?>>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> creation) =>
            {
                if (creation.Parent.TraceId != parentTraceId)
                {
                    return ActivitySamplingResult.None;
                }

                foreach (var tag in creation.Tags ?? [])
                {
                    seen.Add(tag); // copied while deciding: the stage reuses what it passed
                }

                return ActivitySamplingResult.AllDataAndRecorded;
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new TelemetryChatClient(new ScriptedChatClient());

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = "gpt-4o-mini", Temperature = 0.2f });

        var tags = seen.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("chat", tags.GetValueOrDefault(Attributes.OperationName));
        Assert.Equal("gpt-4o-mini", tags.GetValueOrDefault(Attributes.RequestModel));
        Assert.Equal(ScriptedChatClient.ProviderName, tags.GetValueOrDefault(Attributes.ProviderName));
        Assert.Equal(0.2f, tags.GetValueOrDefault(Attributes.RequestTemperature));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ProviderFails_RecordsErrorAndRethrows(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(
            new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable()), meterFactory: capture.MeterFactory);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        await Assert.ThrowsAsync<ClientResultException>(() => ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model }));

        var span = capture.Span();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(ClientResultException).FullName, span.Tag(Attributes.ErrorType));
        Assert.Null(span.Tag(Attributes.ResponseFinishReasons));
        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(typeof(ClientResultException).FullName, measurement.Tags[Attributes.ErrorType]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsMidway_OneSpanWithErrorAndTimeToFirstChunk()
    {
        using var capture = new TelemetryCapture();
        var provider = new ScriptedChatClient { StreamingChunkCount = 4 }
            .EnqueueFault(ScriptedFault.ServiceUnavailable() with { AfterChunks = 2 });
        using var client = new TelemetryChatClient(provider, meterFactory: capture.MeterFactory);
        var received = 0;

        await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }))
            {
                received++;
            }
        });

        var span = capture.Span();
        Assert.Equal(2, received);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(ClientResultException).FullName, span.Tag(Attributes.ErrorType));
        Assert.IsType<double>(span.Tag(Attributes.ResponseTimeToFirstChunk));
        Assert.Equal(capture.Model, span.Tag(Attributes.ResponseModel));
        Assert.Null(span.Tag(Attributes.UsageOutputTokens)); // usage comes with the last chunk, which never came
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Abandoned_ClosesTheSpanWithoutError()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient { StreamingChunkCount = 4 }, meterFactory: capture.MeterFactory);
        using var chunks = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimePerOutputChunk);

        await foreach (var update in client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }))
        {
            break;
        }

        var span = capture.Span();
        Assert.True(span.Duration > TimeSpan.Zero, "The abandoned stream's span was never stopped.");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.Tag(Attributes.ResponseFinishReasons));
        Assert.IsType<double>(span.Tag(Attributes.ResponseTimeToFirstChunk));
        Assert.Empty(chunks.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_DisposedUnread_RecordsNoCall()
    {
        using var capture = new TelemetryCapture();
        var provider = new ScriptedChatClient();
        var logger = new FakeLogger<TelemetryChatClient>();
        using var client = new TelemetryChatClient(provider, logger: logger, meterFactory: capture.MeterFactory);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        var stream = client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }).GetAsyncEnumerator();
        await stream.DisposeAsync();

        Assert.False(await stream.MoveNextAsync(), "A disposed stream started a call.");
        Assert.Equal(0, provider.CallCount);
        Assert.Empty(capture.Spans());
        Assert.Empty(duration.GetMeasurementSnapshot());
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Complete_UsageAndFinishReasonAssembledFromUpdates()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient { StreamingChunkCount = 5 }, meterFactory: capture.MeterFactory);
        using var chunks = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimePerOutputChunk);
        using var firstChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimeToFirstChunk);

        var response = await ChatCalls.RunAsync(client, streaming: true, new ChatOptions { ModelId = capture.Model });

        var span = capture.Span();
        Assert.Equal((int?)response.Usage?.InputTokenCount, span.Tag(Attributes.UsageInputTokens));
        Assert.Equal((int?)response.Usage?.OutputTokenCount, span.Tag(Attributes.UsageOutputTokens));
        Assert.Equal("[\"stop\"]", span.Tag(Attributes.ResponseFinishReasons));
        Assert.Single(firstChunk.GetMeasurementSnapshot());
        Assert.Equal(4, chunks.GetMeasurementSnapshot().Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_DurationMeasured_SpanEndsWhereTheMetricDoes(bool streaming)
    {
        var time = new FakeTimeProvider();
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(3) }, meterFactory: capture.MeterFactory, timeProvider: time);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        var call = ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });
        time.Advance(TimeSpan.FromSeconds(3));
        await call;

        Assert.Equal(3.0, Assert.Single(duration.GetMeasurementSnapshot()).Value);
        Assert.Equal(TimeSpan.FromSeconds(3), capture.Span().Duration);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_SystemClock_SpanStartsAndEndsWithinTheCall(bool streaming)
    {
        // The span's start comes from the clock read for the duration: it must still be the wall-clock time of the call.
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), meterFactory: capture.MeterFactory);
        var before = TimeProvider.System.GetUtcNow().UtcDateTime;

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        var after = TimeProvider.System.GetUtcNow().UtcDateTime;
        var span = capture.Span();
        var tolerance = TimeSpan.FromMilliseconds(1); // the conversion rounds to the tick
        Assert.InRange(span.StartTimeUtc, before - tolerance, after + tolerance);
        Assert.InRange(span.StartTimeUtc + span.Duration, span.StartTimeUtc, after + tolerance);
    }

    [Fact]
    public async Task GetResponseAsync_ProviderAnswersLater_CallersCurrentSpanUnchangedAndDurationMeasured()
    {
        var time = new FakeTimeProvider();
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(3) }, meterFactory: capture.MeterFactory, timeProvider: time);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);
        var callers = Activity.Current;

        var call = client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });
        var currentWhilePending = Activity.Current;
        time.Advance(TimeSpan.FromSeconds(3));
        await call;

        Assert.Same(callers, currentWhilePending);
        Assert.Same(callers, Activity.Current);
        Assert.Same(callers, capture.Span().Parent);
        Assert.Equal(3.0, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EnumeratedTwice_TwoCallsTwoSpans()
    {
        using var capture = new TelemetryCapture();
        var provider = new ScriptedChatClient();
        using var client = new TelemetryChatClient(provider, meterFactory: capture.MeterFactory);
        var stream = client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        await foreach (var update in stream)
        {
        }

        await foreach (var update in stream)
        {
        }

        Assert.Equal(2, capture.Spans().Count);
        Assert.Equal(2, provider.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WhileReading_CallersCurrentSpanUnchanged()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient { StreamingChunkCount = 3 }, meterFactory: capture.MeterFactory);
        var callers = Activity.Current;
        List<Activity?> seenByCaller = [];

        await foreach (var update in client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }))
        {
            seenByCaller.Add(Activity.Current);
        }

        Assert.Equal(3, seenByCaller.Count);
        Assert.All(seenByCaller, seen => Assert.Same(callers, seen));
        Assert.Same(callers, capture.Span().Parent);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledWithEnumeratorToken_RecordsTheCancellation()
    {
        var time = new FakeTimeProvider();
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(5) }, meterFactory: capture.MeterFactory);
        using var cancellation = new CancellationTokenSource();

        var reading = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }).WithCancellation(cancellation.Token))
            {
            }
        });
        await cancellation.CancelAsync();
        await reading;

        var span = capture.Span();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(TaskCanceledException).FullName, span.Tag(Attributes.ErrorType));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FakeClock_TimesFirstChunkAndEachNext()
    {
        var time = new FakeTimeProvider();
        using var capture = new TelemetryCapture();
        var provider = new ScriptedChatClient(time) { StreamingChunkCount = 3, Latency = TimeSpan.FromSeconds(1.5), ChunkDelay = TimeSpan.FromSeconds(0.25) };
        using var client = new TelemetryChatClient(provider, meterFactory: capture.MeterFactory, timeProvider: time);
        using var firstChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimeToFirstChunk);
        using var perChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimePerOutputChunk);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        await using (var updates = client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }).GetAsyncEnumerator())
        {
            foreach (var wait in (double[])[1.5, 0.25, 0.25, 0])
            {
                var moved = updates.MoveNextAsync();
                time.Advance(TimeSpan.FromSeconds(wait));
                await moved;
            }
        }

        Assert.Equal(1.5, capture.Span().Tag(Attributes.ResponseTimeToFirstChunk));
        Assert.Equal(1.5, Assert.Single(firstChunk.GetMeasurementSnapshot()).Value);
        Assert.Equal([0.25, 0.25], perChunk.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(2.0, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_Metrics_TokenUsageByTypeAndDurationWithConventionTags(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient().EnqueueReply("Open Settings."), meterFactory: capture.MeterFactory);
        using var tokens = new MetricCollector<int>(capture.MeterFactory, SourceName, Metrics.TokenUsage);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        var byType = tokens.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags[Attributes.TokenType]!, m => m.Value);
        Assert.Equal(new Dictionary<string, int> { ["input"] = 6, ["output"] = 2 }, byType);
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("chat", call.Tags[Attributes.OperationName]);
        Assert.Equal(capture.Model, call.Tags[Attributes.RequestModel]);
        Assert.Equal(capture.Model, call.Tags[Attributes.ResponseModel]);
        Assert.Equal(ScriptedChatClient.ProviderName, call.Tags[Attributes.ProviderName]);
        Assert.False(call.Tags.ContainsKey(Attributes.PromptName), "No prompt stage ran, yet a prompt dimension was recorded.");
        Assert.False(call.Tags.ContainsKey(Attributes.TokenType), $"The duration carries the token type {call.Tags.GetValueOrDefault(Attributes.TokenType)}.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_PromptStageChangesModel_SpanAndMetricsUseFinalModelAndPrompt(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new FakePromptStage(new ScriptedChatClient(), capture.Model), meterFactory: capture.MeterFactory);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions());

        var span = capture.Span();
        Assert.Equal($"chat {capture.Model}", span.DisplayName);
        Assert.Equal(capture.Model, span.Tag(Attributes.RequestModel));
        Assert.Single(span.TagObjects, t => t.Key == Attributes.RequestModel);
        Assert.Equal("support-reply", span.Tag(Attributes.PromptName));
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(capture.Model, call.Tags[Attributes.RequestModel]);
        Assert.Equal("support-reply", call.Tags[Attributes.PromptName]);
        Assert.Equal(3, call.Tags[Attributes.PromptVersion]);
        Assert.False(call.Tags.ContainsKey(Attributes.PromptLabel), "Labels are not metric dimensions.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ServerAndPromptKnown_EveryRecordCarriesEveryDimension(bool streaming)
    {
        using var capture = new TelemetryCapture();
        var provider = new ProviderAt(new ScriptedChatClient(), new Uri("http://127.0.0.1:8088/v1"));
        using var client = new TelemetryChatClient(new FakePromptStage(provider, capture.Model), meterFactory: capture.MeterFactory);
        using var tokens = new MetricCollector<int>(capture.MeterFactory, SourceName, Metrics.TokenUsage);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions());

        string[] shared =
        [
            Attributes.OperationName, Attributes.RequestModel, Attributes.ProviderName, Attributes.ServerAddress,
            Attributes.ServerPort, Attributes.ResponseModel, Attributes.PromptName, Attributes.PromptVersion,
        ];
        var records = tokens.GetMeasurementSnapshot();
        Assert.Equal(2, records.Count);
        string[] withTokenType = [.. shared, Attributes.TokenType];
        Assert.All(records, record => Assert.Equal(withTokenType.Order(StringComparer.Ordinal), record.Tags.Keys.Order(StringComparer.Ordinal)));
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(shared.Order(StringComparer.Ordinal), call.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("127.0.0.1", call.Tags[Attributes.ServerAddress]);
        Assert.Equal(8088, call.Tags[Attributes.ServerPort]);
        var span = capture.Span();
        Assert.Equal("127.0.0.1", span.Tag(Attributes.ServerAddress));
        Assert.Equal(8088, span.Tag(Attributes.ServerPort));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_PricedModel_RecordsCostOnSpanAndMetric(bool streaming)
    {
        using var capture = new TelemetryCapture();
        var options = new TelemetryOptions { Prices = { [capture.Model] = new ModelPrice { InputPerMillionTokens = 2, OutputPerMillionTokens = 8 } } };
        var reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
        {
            ModelId = capture.Model,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500 },
        };
        using var client = new TelemetryChatClient(new ScriptedChatClient().EnqueueReply(reply), options, meterFactory: capture.MeterFactory);
        using var cost = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.Cost);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        const double expected = ((1_000 * 2.0) + (500 * 8.0)) / 1_000_000;
        Assert.Equal(expected, (double)capture.Span().Tag(Attributes.CostUsd)!, 12);
        Assert.Equal(expected, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
    }

    [Fact]
    public async Task GetResponseAsync_ModelWithoutPrice_RecordsNoCost()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), meterFactory: capture.MeterFactory);
        using var cost = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.Cost);

        await client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        Assert.Null(capture.Span().Tag(Attributes.CostUsd));
        Assert.Empty(cost.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ContentCaptureOff_RecordsNoContent(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), new TelemetryOptions { EnableSensitiveData = false }, meterFactory: capture.MeterFactory);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model, Instructions = "Be brief." });

        var span = capture.Span();
        Assert.DoesNotContain(span.TagObjects, t => t.Key is Attributes.InputMessages or Attributes.OutputMessages or Attributes.SystemInstructions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ContentCaptureOnWithPromptStage_RecordsTheRenderedMessagesRedacted(bool streaming)
    {
        using var capture = new TelemetryCapture();
        var prompt = new LlmOps.Sdk.Prompts.PromptVersion("support", 1,
        [
            new(ChatRole.System, "You help {{customer}}."),
            new(ChatRole.User, "Write to me at {{email}}."),
        ]);
        using var registry = new LlmOps.Sdk.Prompts.PromptRegistry([new LlmOps.Sdk.Prompts.InMemoryPromptStore().Add(prompt, "production")]);
        using var client = new ChatClientBuilder(new ScriptedChatClient())
            .Use(inner => new TelemetryChatClient(inner, new TelemetryOptions { EnableSensitiveData = true }, meterFactory: capture.MeterFactory))
            .UseLlmOpsPrompts(registry, new LlmOps.Sdk.Prompts.PromptOptions())
            .Build();
        var options = new LlmOps.Sdk.Prompts.PromptChatOptions("support", new { customer = "Ada", email = "ada@example.com" }) { ModelId = capture.Model };

        await ChatCalls.RunAsync(client, streaming, options, messages: []);

        var input = JsonNode.Parse((string)capture.Span().Tag(Attributes.InputMessages)!)!.AsArray();
        Assert.Equal(["system", "user"], input.Select(static m => (string?)m!["role"]));
        Assert.Equal("You help Ada.", (string?)input[0]!["parts"]![0]!["content"]);
        Assert.Equal("Write to me at [REDACTED:email].", (string?)input[1]!["parts"]![0]!["content"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ContentCaptureOn_RecordsRedactedConventionJson(bool streaming)
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(
            new ScriptedChatClient { Responder = static (_, _) => "Mail jane.doe@example.com today." },
            new TelemetryOptions { EnableSensitiveData = true }, meterFactory: capture.MeterFactory);
        ChatMessage[] messages = [new(ChatRole.System, "You help."), new(ChatRole.User, "My card is 4111 1111 1111 1111.")];

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model, Instructions = "Call +44 20 7946 0958 if stuck." }, messages);

        var span = capture.Span();
        var input = JsonNode.Parse((string)span.Tag(Attributes.InputMessages)!)!;
        Assert.Equal("system", (string?)input[0]!["role"]);
        Assert.Equal("text", (string?)input[1]!["parts"]![0]!["type"]);
        Assert.Equal("My card is [REDACTED:card].", (string?)input[1]!["parts"]![0]!["content"]);
        var output = JsonNode.Parse((string)span.Tag(Attributes.OutputMessages)!)!;
        Assert.Equal("assistant", (string?)output[0]!["role"]);
        Assert.Equal("stop", (string?)output[0]!["finish_reason"]);
        Assert.Equal("Mail [REDACTED:email] today.", (string?)output[0]!["parts"]![0]!["content"]);
        var instructions = JsonNode.Parse((string)span.Tag(Attributes.SystemInstructions)!)!;
        Assert.Equal("Call [REDACTED:phone] if stuck.", (string?)instructions[0]!["content"]);
    }

    [Fact]
    public async Task GetResponseAsync_ContentCaptureOnWithAdditionalProperties_NeverRecordsThem()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), new TelemetryOptions { EnableSensitiveData = true }, meterFactory: capture.MeterFactory);
        var options = new ChatOptions { ModelId = capture.Model, AdditionalProperties = new() { ["customer_email"] = "jane.doe@example.com" } };

        await client.GetResponseAsync(ChatCalls.Question, options);

        var span = capture.Span();
        Assert.DoesNotContain(span.TagObjects, t => t.Key == "customer_email" || (t.Value as string)?.Contains("jane.doe", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallsCaptured_ArgumentsAndResultsRedactedValueByValue()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), new TelemetryOptions { EnableSensitiveData = true }, meterFactory: capture.MeterFactory);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Find my order."),
            new(ChatRole.Assistant, [new FunctionCallContent("call-1", "find_order", new Dictionary<string, object?> { ["email"] = "bob@example.org", ["order"] = "ORD-2024-001234" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call-1", new Dictionary<string, object?> { ["phone"] = "(555) 123-4567", ["items"] = 3 })]),
            new(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
        ];

        await client.GetResponseAsync(messages, new ChatOptions { ModelId = capture.Model });

        var input = JsonNode.Parse((string)capture.Span().Tag(Attributes.InputMessages)!)!;
        var call = input[1]!["parts"]![0]!;
        Assert.Equal("tool_call", (string?)call["type"]);
        Assert.Equal("[REDACTED:email]", (string?)call["arguments"]!["email"]);
        Assert.Equal("ORD-2024-001234", (string?)call["arguments"]!["order"]);
        var result = input[2]!["parts"]![0]!;
        Assert.Equal("tool_call_response", (string?)result["type"]);
        Assert.Equal("[REDACTED:phone]", (string?)result["response"]!["phone"]);
        Assert.Equal(3, (int?)result["response"]!["items"]);
        var blob = input[3]!["parts"]![0]!;
        Assert.Equal("blob", (string?)blob["type"]);
        Assert.Equal("image", (string?)blob["modality"]);
        Assert.Null(blob["content"]);
    }

    [Fact]
    public async Task GetResponseAsync_RedactorThrows_CallSucceedsAndContentIsDropped()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(
            new ScriptedChatClient().EnqueueReply("fine"), new TelemetryOptions { EnableSensitiveData = true }, new ThrowingRedactor(), meterFactory: capture.MeterFactory);

        var response = await client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        Assert.Equal("fine", response.Text);
        Assert.DoesNotContain("password", (string)capture.Span().Tag(Attributes.InputMessages)!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_InnerStage_FindsTheCallSpanAndCanWriteAfterTheStreamEnded(bool streaming)
    {
        using var capture = new TelemetryCapture();
        var probe = new SpanProbeStage(new ScriptedChatClient { StreamingChunkCount = 3 });
        using var client = new TelemetryChatClient(probe, meterFactory: capture.MeterFactory);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        var span = capture.Span();
        Assert.Equal(2, probe.Seen.Count);
        Assert.All(probe.Seen, seen => Assert.Same(span, seen));
        Assert.Equal(true, span.Tag("probe.after_stream"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_DebugLogger_LogsStartAndEndWithoutContent(bool streaming)
    {
        var logger = new FakeLogger<TelemetryChatClient>();
        using var client = new TelemetryChatClient(new ScriptedChatClient(), logger: logger);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = "logged-model" });

        var records = logger.Collector.GetSnapshot();
        Assert.Equal([300, 301], records.Select(r => r.Id.Id));
        Assert.All(records, r => Assert.Equal(LogLevel.Debug, r.Level));
        Assert.All(records, r => Assert.DoesNotContain("password", r.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_ListenedToAndLogged_AsksTheLoggerOncePerCall(bool streaming)
    {
        using var capture = new TelemetryCapture();
        var logger = new CountingLogger(new FakeLogger<TelemetryChatClient>());
        using var client = new TelemetryChatClient(new ScriptedChatClient(), logger: logger, meterFactory: capture.MeterFactory);

        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });
        await ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = capture.Model });

        Assert.Equal(2, logger.DebugQuestions);
        Assert.Equal(2, capture.Spans().Count);
        Assert.Equal([300, 301, 300, 301], logger.Inner.Collector.GetSnapshot().Select(r => r.Id.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_FailureWithWarningLogger_LogsWarning(bool streaming)
    {
        var logger = new FakeLogger<TelemetryChatClient>(new FakeLogCollector(Microsoft.Extensions.Options.Options.Create(
            new FakeLogCollectorOptions { FilteredLevels = { LogLevel.Warning } })));
        using var client = new TelemetryChatClient(new ScriptedChatClient().EnqueueFault(ScriptedFault.TooManyRequests()), logger: new WarningOnly(logger));

        await Assert.ThrowsAsync<ClientResultException>(() => ChatCalls.RunAsync(client, streaming, new ChatOptions { ModelId = "failing-model" }));

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(302, record.Id.Id);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("failing-model", record.Message, StringComparison.Ordinal);
        Assert.IsType<ClientResultException>(record.Exception);
    }

    [Fact]
    public void GetService_ActivitySource_ReturnsTheLlmOpsSource()
    {
        using var client = new TelemetryChatClient(new ScriptedChatClient());

        var source = client.GetService<ActivitySource>();

        Assert.Equal(SourceName, source?.Name);
    }

    [Fact]
    public void Ctor_InvalidPrice_ThrowsNamingTheModel()
    {
        var options = new TelemetryOptions { Prices = { ["my-model"] = new ModelPrice { InputPerMillionTokens = -1 } } };

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new TelemetryChatClient(new ScriptedChatClient(), options));

        Assert.Contains("my-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("InputPerMillionTokens", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingRedactor : IRedactor
    {
        public string Redact(string text) => throw new InvalidOperationException("broken redactor");
    }

    /// <summary>A logger configured at Warning, as most hosts are: Debug is off.</summary>
    private sealed class WarningOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>Counts how often the stage asks whether Debug is on: a container's logger walks its providers each time.</summary>
    private sealed class CountingLogger(FakeLogger inner) : ILogger
    {
        public FakeLogger Inner => inner;

        public int DebugQuestions { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel)
        {
            DebugQuestions += logLevel == LogLevel.Debug ? 1 : 0;
            return inner.IsEnabled(logLevel);
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>Reports the inner client as a provider at an address, as a real provider's client does.</summary>
    private sealed class ProviderAt(IChatClient inner, Uri address) : DelegatingChatClient(inner)
    {
        private readonly ChatClientMetadata _metadata = new(ScriptedChatClient.ProviderName, address, ScriptedChatClient.DefaultModelId);

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) && serviceKey is null ? _metadata : base.GetService(serviceType, serviceKey);
    }
}
