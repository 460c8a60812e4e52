using System.Diagnostics;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Finds the call's span so that inner stages (prompts, evaluation, resilience) can add to it.</summary>
/// <remarks>
/// Stages talk through <see cref="Activity.Current"/>, never through statics. Only a span of our own source that is
/// being recorded is returned: a host's unrelated span (an incoming HTTP request, say) is never written to, and when
/// nobody listens there is nothing to do.
/// </remarks>
internal static class LlmOpsActivity
{
    /// <summary>Gets the current call span, or <see langword="null"/> when there is none or nobody records it.</summary>
    public static Activity? Current =>
        Activity.Current is { IsAllDataRequested: true } activity && activity.Source.Name == LlmOpsTelemetry.SourceName
            ? activity
            : null;
}
