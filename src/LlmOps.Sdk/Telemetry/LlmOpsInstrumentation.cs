using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Owns the SDK's <see cref="ActivitySource"/>, <see cref="Meter"/> and instruments, shared by every stage.</summary>
/// <remarks>
/// One per container (a DI singleton) or one per hand-built <see cref="TelemetryChatClient"/>. The resilience and
/// evaluation stages own their instruments, on a meter of the same name. The meter comes from <see cref="IMeterFactory"/> when there is one, so its
/// lifetime follows the container and tests can observe it in isolation.
/// </remarks>
internal sealed class LlmOpsInstrumentation : IDisposable
{
    private readonly bool _ownsMeter;

    /// <summary>Initializes a new instance of the <see cref="LlmOpsInstrumentation"/> class.</summary>
    /// <param name="meterFactory">Creates the meter; when <see langword="null"/>, the meter is created and owned here.</param>
    public LlmOpsInstrumentation(IMeterFactory? meterFactory = null)
    {
        var version = typeof(LlmOpsInstrumentation).Assembly.GetName().Version?.ToString();
        Source = new ActivitySource(LlmOpsTelemetry.SourceName, version);
        Meter = meterFactory?.Create(LlmOpsTelemetry.SourceName, version) ?? new Meter(LlmOpsTelemetry.SourceName, version);
        _ownsMeter = meterFactory is null;

        OperationDuration = Meter.CreateHistogram<double>(
            LlmOpsTelemetry.Metrics.OperationDuration, LlmOpsTelemetry.Metrics.SecondsUnit,
            "Measures the duration of a GenAI operation",
            advice: new() { HistogramBucketBoundaries = LlmOpsTelemetry.Metrics.DurationBuckets });
        TokenUsage = Meter.CreateHistogram<int>(
            LlmOpsTelemetry.Metrics.TokenUsage, LlmOpsTelemetry.Metrics.TokensUnit,
            "Measures number of input and output tokens used",
            advice: new() { HistogramBucketBoundaries = LlmOpsTelemetry.Metrics.TokenBuckets });
        TimeToFirstChunk = Meter.CreateHistogram<double>(
            LlmOpsTelemetry.Metrics.TimeToFirstChunk, LlmOpsTelemetry.Metrics.SecondsUnit,
            "Measures the time to receive the first chunk in a streaming operation",
            advice: new() { HistogramBucketBoundaries = LlmOpsTelemetry.Metrics.DurationBuckets });
        TimePerOutputChunk = Meter.CreateHistogram<double>(
            LlmOpsTelemetry.Metrics.TimePerOutputChunk, LlmOpsTelemetry.Metrics.SecondsUnit,
            "Measures the time per output chunk in a streaming operation",
            advice: new() { HistogramBucketBoundaries = LlmOpsTelemetry.Metrics.DurationBuckets });
        Cost = Meter.CreateHistogram<double>(
            LlmOpsTelemetry.Metrics.Cost, LlmOpsTelemetry.Metrics.CostUnit,
            "Estimated cost of a GenAI operation in US dollars, from the configured price table",
            advice: new() { HistogramBucketBoundaries = LlmOpsTelemetry.Metrics.CostBuckets });
    }

    /// <summary>Gets the source of the call spans.</summary>
    public ActivitySource Source { get; }

    /// <summary>Gets the meter every LlmOps instrument belongs to.</summary>
    public Meter Meter { get; }

    /// <summary>Gets <c>gen_ai.client.operation.duration</c>, in seconds.</summary>
    public Histogram<double> OperationDuration { get; }

    /// <summary>Gets <c>gen_ai.client.token.usage</c>, with <c>gen_ai.token.type</c> input or output.</summary>
    public Histogram<int> TokenUsage { get; }

    /// <summary>Gets <c>gen_ai.client.operation.time_to_first_chunk</c>, in seconds.</summary>
    public Histogram<double> TimeToFirstChunk { get; }

    /// <summary>Gets <c>gen_ai.client.operation.time_per_output_chunk</c>, in seconds.</summary>
    public Histogram<double> TimePerOutputChunk { get; }

    /// <summary>Gets <c>llmops.client.cost</c>, in US dollars.</summary>
    public Histogram<double> Cost { get; }

    /// <summary>Gets whether any metric of a call is being collected.</summary>
    public bool AnyCallMetricEnabled =>
        OperationDuration.Enabled || TokenUsage.Enabled || TimeToFirstChunk.Enabled || TimePerOutputChunk.Enabled || Cost.Enabled;

    /// <inheritdoc/>
    public void Dispose()
    {
        Source.Dispose();
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
