using System.Diagnostics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmOps.Sdk.Tests.Feedback;

public sealed class ChatFeedbackRecorderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordAsync_KnownResponseId_RecordsAgainstTheCallsPromptVersion(bool streaming)
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback());
        var staging = await host.CallAsync("staging", streaming);
        await host.CallAsync("production", streaming);

        var result = await host.Feedback.RecordAsync(ChatFeedback.ThumbsDown(staging) with { Comment = "too curt", UserId = "u1" });

        Assert.Equal(FeedbackStatus.Recorded, result.Status);
        Assert.Equal(("greet", 2), (result.PromptName, result.PromptVersion!.Value));
        var record = Assert.Single(host.Sink.Records);
        Assert.Equal(EvaluationRecord.HumanSource, record.Source);
        Assert.Equal("feedback", record.EvaluatorName);
        Assert.Equal(("greet", 2, staging, "u1"), (record.PromptName, record.PromptVersion!.Value, record.ResponseId, record.UserId));
        var score = Assert.Single(record.Scores);
        Assert.Equal(("thumbs", 0.0, "fail", "too curt"), (score.Name, score.Value!.Value, score.Label, score.Explanation));
    }

    [Fact]
    public async Task RecordAsync_KnownResponseId_RecordsTheScoreHistogramWithThePromptVersion()
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback());
        using var scores = new MetricCollector<double>(
            host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.evaluation.score");
        var production = await host.CallAsync("production");

        await host.Feedback.RecordAsync(production, "rating", 4);

        var measurement = Assert.Single(scores.GetMeasurementSnapshot());
        Assert.Equal(4.0, measurement.Value);
        Assert.Equal(1, measurement.Tags["llmops.prompt.version"]);
        Assert.Equal("feedback", measurement.Tags["llmops.evaluation.evaluator"]);
    }

    [Fact]
    public async Task RecordAsync_UnknownResponseId_ReturnsUnknownResponseWithTheFixAndRecordsNothing()
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback());
        await host.CallAsync("production");

        var result = await host.Feedback.RecordAsync("chatcmpl-never-seen", "thumbs", 1);

        Assert.Equal(FeedbackStatus.UnknownResponse, result.Status);
        Assert.False(result.IsRecorded);
        Assert.Contains("chatcmpl-never-seen", result.Message, StringComparison.Ordinal);
        Assert.Contains("PromptName", result.Message, StringComparison.Ordinal);
        Assert.Empty(host.Sink.Records);
    }

    [Fact]
    public async Task RecordAsync_CallForgottenByTheIndex_ReturnsUnknownResponse()
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback(f => f.RecentCallCapacity = 2));
        var oldest = await host.CallAsync("staging");
        var second = await host.CallAsync("production");
        var newest = await host.CallAsync("production");

        var forgotten = await host.Feedback.RecordAsync(oldest, "thumbs", 1);
        var kept = await host.Feedback.RecordAsync(second, "thumbs", 1);

        Assert.Equal(FeedbackStatus.UnknownResponse, forgotten.Status);
        Assert.Contains("2 most recent calls", forgotten.Message, StringComparison.Ordinal);
        Assert.Equal(FeedbackStatus.Recorded, kept.Status);
        Assert.NotEqual(oldest, newest);
    }

    [Fact]
    public async Task RecordAsync_CallForgottenButCarriedByCaller_RecordsAgainstTheCarriedVersion()
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback(f => f.RecentCallCapacity = 1));
        var oldest = await host.CallAsync("staging");
        await host.CallAsync("production");

        var result = await host.Feedback.RecordAsync(new ChatFeedback(oldest, "rating", 2) { PromptName = "greet", PromptVersion = 2 });

        Assert.Equal(FeedbackStatus.RecordedFromCaller, result.Status);
        var record = Assert.Single(host.Sink.Records);
        Assert.Equal(("greet", 2), (record.PromptName, record.PromptVersion!.Value));
    }

    [Fact]
    public async Task RecordAsync_FeedbackNotAdded_ReturnsUnknownResponseNamingAddFeedback()
    {
        await using var host = new FeedbackTestHost(_ => { });
        var id = await host.CallAsync("production");

        var result = await host.Feedback.RecordAsync(id, "thumbs", 1);

        Assert.Equal(FeedbackStatus.UnknownResponse, result.Status);
        Assert.Contains("AddFeedback()", result.Message, StringComparison.Ordinal);
        Assert.Null(host.Client.GetService<FeedbackChatClient>());
    }

    [Fact]
    public async Task RecordAsync_CallTraced_FeedbackSpanLinksToTheCallSpan()
    {
        await using var host = new FeedbackTestHost(o => o.AddFeedback());
        using var spans = new SpanRecorder();
        string id;
        ActivityContext callSpan;
        using (var test = spans.StartCall())
        {
            id = await host.CallAsync("staging");
            callSpan = spans.CallSpan(test).Context;
        }

        using (spans.StartCall())
        {
            await host.Feedback.RecordAsync(ChatFeedback.ThumbsUp(id));
        }

        var feedback = Assert.Single(spans.Stopped, s => s.DisplayName == "feedback thumbs");
        var link = Assert.Single(feedback.Links);
        Assert.Equal((callSpan.TraceId, callSpan.SpanId), (link.Context.TraceId, link.Context.SpanId));
        var result = Assert.Single(feedback.Events);
        Assert.Equal("gen_ai.evaluation.result", result.Name);
        Assert.Equal(2, feedback.GetTagItem("llmops.prompt.version"));
        Assert.Equal(callSpan.TraceId.ToHexString(), Assert.Single(host.Sink.Records).TraceId);
    }

    [Fact]
    public async Task RecordAsync_SinkThrows_StillRecordsToTheOtherSinks()
    {
        var failing = new ThrowingSink();
        await using var host = new FeedbackTestHost(o => o.AddFeedback().AddEvaluationSink(failing));
        var id = await host.CallAsync("production");

        var result = await host.Feedback.RecordAsync(ChatFeedback.ThumbsUp(id));

        Assert.True(result.IsRecorded);
        Assert.Single(host.Sink.Records);
        Assert.Equal(1, failing.Calls);
    }

    [Fact]
    public void Ctor_ValueNotFinite_ThrowsNamingTheFeedback()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChatFeedback("r1", "rating", double.NaN));

        Assert.Contains("'rating'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'r1'", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingSink : IEvaluationSink
    {
        public int Calls;

        public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("disk full");
        }
    }
}
