using System.Diagnostics;
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
    private readonly List<ChatResponseUpdate>? _updates;
    private UsageDetails? _usage;
    private long _lastChunkTimestamp;
    private TagList _chunkTags;

    public StreamedCall(bool keepUpdates, long startTimestamp)
    {
        _updates = keepUpdates ? [] : null;
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
    public void Observe(ChatResponseUpdate update, ChatCallRecorder recorder, Activity? activity, string? requestModel)
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
                // Our own copy: the provider's object is the caller's too, and must not change under them.
                (_usage ??= new UsageDetails()).Add(details);
            }
        }

        if (ChunkCount++ == 0)
        {
            Prompt = PromptStamp.Read(update.AdditionalProperties);
            ObserveFirst(update, recorder, activity, requestModel);
            return;
        }

        var perChunk = recorder.Instrumentation.TimePerOutputChunk;
        if (perChunk.Enabled)
        {
            // The path of every later chunk: one clock read and one record.
            var now = recorder.GetTimestamp();
            var seconds = recorder.SecondsBetween(_lastChunkTimestamp, now);
            _lastChunkTimestamp = now;
            if (_chunkTags.Count == 0)
            {
                _chunkTags = recorder.CreateMetricTags(activity, requestModel, update.ModelId, Prompt);
            }

            perChunk.Record(seconds, _chunkTags);
        }
    }

    /// <summary>Records the time to the first chunk, for the span and the metric.</summary>
    private void ObserveFirst(ChatResponseUpdate update, ChatCallRecorder recorder, Activity? activity, string? requestModel)
    {
        var instruments = recorder.Instrumentation;
        var recordChunks = instruments.TimeToFirstChunk.Enabled || instruments.TimePerOutputChunk.Enabled;
        if (!recordChunks && activity is null)
        {
            return;
        }

        var now = recorder.GetTimestamp();
        TimeToFirstChunk = recorder.SecondsBetween(_lastChunkTimestamp, now);
        _lastChunkTimestamp = now;
        if (recordChunks)
        {
            _chunkTags = recorder.CreateMetricTags(activity, requestModel, update.ModelId, Prompt);
            if (instruments.TimeToFirstChunk.Enabled)
            {
                instruments.TimeToFirstChunk.Record(TimeToFirstChunk.Value, _chunkTags);
            }
        }
    }

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
