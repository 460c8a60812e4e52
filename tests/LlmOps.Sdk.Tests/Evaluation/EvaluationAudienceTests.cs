using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Tests.Telemetry;

namespace LlmOps.Sdk.Tests.Evaluation;

/// <summary>An evaluator runs only when its score reaches someone: a sink, the score metric or the call's recorded span.</summary>
/// <remarks>Isolated: another test's span or metric listener would be an audience for these calls too.</remarks>
[Collection(nameof(TelemetryIsolation))]
public sealed class EvaluationAudienceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_NobodySeesTheScores_EvaluatorDoesNotRun(bool streaming)
    {
        await using var host = new EvaluationTestHost();
        var evaluator = TestEvaluator.Passing();
        var client = host.Build(new EvaluationOptions { Evaluators = { EvaluationTestHost.Inline(evaluator) } });

        var response = await CallAsync(client, streaming);

        Assert.NotEmpty(response.Text);
        Assert.Empty(evaluator.Contexts);
    }

    [Theory]
    [InlineData("sink", false)]
    [InlineData("sink", true)]
    [InlineData("metric", false)]
    [InlineData("metric", true)]
    [InlineData("span", false)]
    [InlineData("span", true)]
    public async Task Call_SomeoneSeesTheScores_EvaluatorRuns(string audience, bool streaming)
    {
        await using var host = new EvaluationTestHost();
        var evaluator = TestEvaluator.Passing();
        var options = new EvaluationOptions { Evaluators = { EvaluationTestHost.Inline(evaluator) } };
        if (audience == "sink")
        {
            options.Sinks.Add(host.Sink);
        }

        using var metrics = audience == "metric" ? ListenToScores() : null;
        using var source = new ActivitySource(LlmOpsTelemetry.SourceName);
        using var spans = audience == "span" ? ListenToSpans() : null;
        var client = host.Build(options);

        using (source.StartActivity("chat test"))
        {
            await CallAsync(client, streaming);
        }

        Assert.Single(evaluator.Contexts);
    }

    private static async Task<ChatResponse> CallAsync(IChatClient client, bool streaming) =>
        streaming
            ? await client.GetStreamingResponseAsync(EvaluationTestHost.Question()).ToChatResponseAsync()
            : await client.GetResponseAsync(EvaluationTestHost.Question());

    private static MeterListener ListenToScores()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == LlmOpsTelemetry.Metrics.EvaluationScore)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.Start();
        return listener;
    }

    private static ActivityListener ListenToSpans()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmOpsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
