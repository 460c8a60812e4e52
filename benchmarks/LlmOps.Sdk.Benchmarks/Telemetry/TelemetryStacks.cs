using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// The three clients the telemetry benchmarks compare, over one <see cref="FixedProviderChatClient"/>: the provider
/// alone, <c>UseOpenTelemetry()</c> and our telemetry stage, with or without a listener recording every span and metric.
/// </summary>
internal sealed class TelemetryStacks : IDisposable
{
    private readonly TelemetryListeners? _listeners;

    /// <param name="chunks">How many updates a stream yields.</param>
    /// <param name="openTelemetrySource">The source and meter name of <c>UseOpenTelemetry()</c>, one per benchmark class.</param>
    /// <param name="listening">Whether a listener records every span and metric of both stages.</param>
    public TelemetryStacks(int chunks, string openTelemetrySource, bool listening)
    {
        Raw = new FixedProviderChatClient(chunks);
        OpenTelemetry = new ChatClientBuilder(Raw).UseOpenTelemetry(sourceName: openTelemetrySource).Build();
        LlmOps = new TelemetryChatClient(Raw, new TelemetryOptions { EnableSensitiveData = false });
        ChunkTimingFloor = new ChunkTimingFloorChatClient(Raw);
        CallRecordingFloor = new CallRecordingFloorChatClient(Raw);
        _listeners = listening
            ? new TelemetryListeners(
                LlmOpsTelemetry.SourceName, openTelemetrySource, ChunkTimingFloorChatClient.MeterName, CallRecordingFloorChatClient.Name)
            : null;
    }

    public IChatClient Raw { get; }

    public IChatClient OpenTelemetry { get; }

    public IChatClient LlmOps { get; }

    /// <summary>Gets the least per-chunk timing work, as a floor for the streaming rows (<see cref="ChunkTimingFloorChatClient"/>).</summary>
    public IChatClient ChunkTimingFloor { get; }

    /// <summary>Gets the least per-call recording work, as a floor for the call rows (<see cref="CallRecordingFloorChatClient"/>).</summary>
    public IChatClient CallRecordingFloor { get; }

    public void Dispose()
    {
        _listeners?.Dispose();
        LlmOps.Dispose();
        ChunkTimingFloor.Dispose();
        CallRecordingFloor.Dispose();
        OpenTelemetry.Dispose();
    }
}
