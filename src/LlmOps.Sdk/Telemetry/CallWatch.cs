namespace LlmOps.Sdk.Telemetry;

/// <summary>Whether span listeners and the Debug log watch one call, asked once when the call starts.</summary>
/// <remarks>
/// A container's logger answers <c>IsEnabled</c> by walking its providers, and a call needs the answer when it starts
/// and when it ends. Metric instruments are still asked when they record: each is a field read, and a collector that
/// starts during a call then gets that call's end.
/// </remarks>
/// <param name="Spans">Whether the source had a listener: a span may be started.</param>
/// <param name="LogsCalls">Whether the logger takes Debug: the call's start and end are logged.</param>
internal readonly record struct CallWatch(bool Spans, bool LogsCalls);
