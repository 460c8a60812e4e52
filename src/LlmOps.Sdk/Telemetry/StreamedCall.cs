using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Assembles what telemetry needs from a stream's updates, chunk by chunk, without keeping them.</summary>
/// <remarks>
/// One per streamed call that is being observed. Per chunk it reads a few fields and, when a chunk histogram is
/// collected, the clock: no allocation. The updates themselves are kept only when content capture is on, because
/// then the output text is recorded.
/// </remarks>
internal sealed class StreamedCall
{
    private readonly ChatCallRecorder _recorder;
    private readonly Activity? _activity;
    private readonly string? _callerModel;
    private readonly List<ChatResponseUpdate>? _updates;
    private UsageDetails? _usage;
    private Histogram<double>? _perChunk;
    private long _lastChunkTimestamp;
    private MetricTags _chunkTags;

    public StreamedCall(ChatCallRecorder recorder, Activity? activity, string? callerModel, long startTimestamp)
    {
        _recorder = recorder;
        _activity = activity;
        _callerModel = callerModel;
        _updates = activity is { IsAllDataRequested: true } && recorder.CaptureContent ? [] : null;
        _lastChunkTimestamp = startTimestamp;
    }

    /// <summary>Gets how many chunks reached the caller.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>Gets the prompt version that answered, as the prompt stage marked the first chunk, if it did.</summary>
    public PromptVersion? Prompt { get; private set; }

    /// <summary>Gets the seconds from the start of the call to the first chunk, once there was one and the clock was read.</summary>
    public double? TimeToFirstChunk { get; private set; }

    private string? ResponseId { get; set; }

    private string? ModelId { get; set; }

    private ChatFinishReason? FinishReason { get; set; }

    /// <summary>Takes what a chunk says about the whole response, and records the chunk's timing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per chunk: the stream's own move inlines it
    public void Observe(ChatResponseUpdate update)
    {
        _updates?.Add(update);
        ResponseId ??= update.ResponseId;
        ModelId ??= update.ModelId;
        if (update.FinishReason is { } finishReason)
        {
            FinishReason = finishReason;
        }

        foreach (var content in UpdateContents.Of(update))
        {
            if (content is UsageContent { Details: { } details })
            {
                AddUsage(details);
            }
        }

        if (ChunkCount++ == 0)
        {
            ObserveFirst(update);
        }
        else if (_perChunk is { } perChunk)
        {
            // The path of every later chunk: one clock read and one record, with what they need decided on the first.
            var now = _recorder.GetTimestamp();
            perChunk.Record(_recorder.SecondsBetween(_lastChunkTimestamp, now), _chunkTags.Span);
            _lastChunkTimestamp = now;
        }
    }

    /// <summary>Reads the prompt that answered, records the time to the first chunk, and prepares the later chunks' metric.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the later chunks' path small enough to inline
    private void ObserveFirst(ChatResponseUpdate update)
    {
        Prompt = PromptStamp.Read(update.AdditionalProperties);
        var instruments = _recorder.Instrumentation;
        var recordChunks = instruments.TimeToFirstChunk.Enabled || instruments.TimePerOutputChunk.Enabled;
        if (!recordChunks && _activity is null)
        {
            return;
        }

        // A start of 0: nobody needed the clock when the call started (a chunk metric is collected only since), so
        // there is no time to the first chunk to report, only a start for the later chunks' times.
        var now = _recorder.GetTimestamp();
        if (_lastChunkTimestamp != 0)
        {
            TimeToFirstChunk = _recorder.SecondsBetween(_lastChunkTimestamp, now);
        }

        _lastChunkTimestamp = now;
        if (recordChunks)
        {
            _recorder.AddMetricTags(ref _chunkTags, _recorder.RequestedModel(_callerModel, Prompt), update.ModelId, Prompt);
            if (instruments.TimeToFirstChunk.Enabled && TimeToFirstChunk is { } timeToFirstChunk)
            {
                instruments.TimeToFirstChunk.Record(timeToFirstChunk, _chunkTags.Span);
            }

            // Decided once per stream: a collector that starts mid-stream gets the next stream's chunks.
            _perChunk = instruments.TimePerOutputChunk.Enabled ? instruments.TimePerOutputChunk : null;
        }
    }

    /// <summary>Adds a chunk's usage to the call's, usually once per stream.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddUsage(UsageDetails details) =>
        (_usage ??= new UsageDetails()).Add(details); // our own copy: the provider's object is the caller's too

    /// <summary>Builds the response the stream amounted to: its messages only when the updates were kept.</summary>
    public ChatResponse ToResponse()
    {
        var response = _updates is { Count: > 0 } ? _updates.ToChatResponse() : new ChatResponse();
        response.ResponseId ??= ResponseId;
        response.ModelId ??= ModelId;
        response.FinishReason ??= FinishReason;
        response.Usage = _usage;
        return response;
    }
}
