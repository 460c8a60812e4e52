using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlmOps.Sdk.Tests.Evaluation;

/// <summary>Records the spans of one test only: those in a trace the test started, so tests can run in parallel.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivitySource _source = new(LlmOpsTelemetry.SourceName);
    private readonly ActivityListener _listener;
    private readonly ActivityContext _root = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == LlmOpsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == _root.TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root.TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>Starts a span of our source, standing in for the telemetry stage's call span.</summary>
    public Activity StartCall() =>
        _source.StartActivity("chat scripted-model", ActivityKind.Client, _root)
        ?? throw new InvalidOperationException("The listener did not sample the call span.");

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }
}
