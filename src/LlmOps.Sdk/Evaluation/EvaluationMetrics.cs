using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Evaluation;

/// <summary>The evaluation stage's instruments: scores, dropped work and sink failures.</summary>
/// <remarks>The <see cref="Meter"/> comes from <see cref="IMeterFactory"/> when DI has one, so its lifetime follows the container.</remarks>
internal sealed class EvaluationMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public EvaluationMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(LlmOpsTelemetry.SourceName);
        }
        else
        {
            _meter = new Meter(LlmOpsTelemetry.SourceName);
            _ownsMeter = true;
        }

        Score = _meter.CreateHistogram<double>(
            LlmOpsTelemetry.Metrics.EvaluationScore, unit: "{score}", description: "Scores given to responses by evaluators.");
        Dropped = _meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.EvaluationDropped, unit: "{evaluation}",
            description: "Background evaluations dropped: queue full, caller canceled while waiting, or shutdown before drained.");
        SinkFailures = _meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.EvaluationSinkFailures, unit: "{failure}", description: "Evaluation results a sink failed to write.");
    }

    public Histogram<double> Score { get; }

    public Counter<long> Dropped { get; }

    public Counter<long> SinkFailures { get; }

    public void RecordScore(double value, string name, string evaluator, string? promptName, int? promptVersion)
    {
        if (!Score.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { LlmOpsTelemetry.Attributes.EvaluationName, name },
            { LlmOpsTelemetry.Attributes.EvaluationEvaluator, evaluator },
        };
        if (promptName is not null)
        {
            tags.Add(LlmOpsTelemetry.Attributes.PromptName, promptName);
        }

        if (promptVersion is { } version)
        {
            tags.Add(LlmOpsTelemetry.Attributes.PromptVersion, version);
        }

        Score.Record(value, tags);
    }

    public void RecordDropped(long count, string reason)
    {
        if (count > 0)
        {
            Dropped.Add(count, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.EvaluationDropReason, reason));
        }
    }

    public void RecordSinkFailure(string evaluator) =>
        SinkFailures.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.EvaluationEvaluator, evaluator));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
