using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlmOps.Sdk.Tests;

/// <summary>Records the SDK's spans of one test only: those in a trace the test started, so tests can run in parallel.</summary>
/// <remarks>
/// A test span stands in for the call span where a stage is tested alone; through <c>AddLlmOps</c> the telemetry stage
/// starts the real call span under it, which <see cref="CallSpan"/> finds.
/// </remarks>
internal sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource Source = new(LlmOpsTelemetry.SourceName);
    private readonly ActivityTraceId _traceId = ActivityTraceId.CreateRandom();
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == LlmOpsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == _traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _traceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets the spans of this test's trace that have ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>Starts a call span and makes it <see cref="Activity.Current"/>.</summary>
    public Activity StartCall() =>
        Source.StartActivity("chat scripted-model", ActivityKind.Client, new ActivityContext(_traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded))
        ?? throw new InvalidOperationException("The span was not sampled: the listener is not attached.");

    public void Dispose() => _listener.Dispose();

    /// <summary>Returns the telemetry stage's call span under <paramref name="testSpan"/>, or the test span when there is none.</summary>
    public Activity CallSpan(Activity testSpan) =>
        _stopped.LastOrDefault(a => a.ParentSpanId == testSpan.SpanId && a.DisplayName.StartsWith("chat ", StringComparison.Ordinal))
        ?? testSpan;

    /// <summary>Returns the attempt events the resilience stage added to <paramref name="span"/>.</summary>
    public static List<ActivityEvent> Attempts(Activity span) =>
        [.. span.Events.Where(e => e.Name == "llmops.resilience.attempt")];

    /// <summary>Returns one tag of an event.</summary>
    public static object? Tag(ActivityEvent activityEvent, string name) =>
        activityEvent.Tags.FirstOrDefault(t => t.Key == name).Value;
}
