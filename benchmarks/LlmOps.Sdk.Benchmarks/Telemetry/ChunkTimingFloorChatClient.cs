using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// The least a stage can do per chunk for <c>gen_ai.client.operation.time_per_output_chunk</c>: forward the chunk, read
/// the clock, record the histogram with the call's dimensions. No span, no other metric, no look at the chunk.
/// </summary>
/// <remarks>
/// A floor for the per-chunk rows, not a usable stage: it records nothing per call, and ignores failures and
/// cancellation. Its meter is named <see cref="MeterName"/>, so the benchmark's listener enables it with the others.
/// </remarks>
internal sealed class ChunkTimingFloorChatClient : DelegatingChatClient
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Benchmarks.ChunkTimingFloor";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _perChunk;
    private readonly KeyValuePair<string, object?>[] _tags =
    [
        new("gen_ai.operation.name", "chat"),
        new("gen_ai.request.model", "gpt-4o-mini"),
        new("gen_ai.provider.name", null),
        new("gen_ai.response.model", "gpt-4o-mini"),
    ];

    public ChunkTimingFloorChatClient(IChatClient innerClient)
        : base(innerClient)
    {
        _perChunk = _meter.CreateHistogram<double>("gen_ai.client.operation.time_per_output_chunk", "s");
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new FloorStream(base.GetStreamingResponseAsync(messages, options, cancellationToken), _perChunk, _tags);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class FloorStream(
        IAsyncEnumerable<ChatResponseUpdate> inner, Histogram<double> perChunk, KeyValuePair<string, object?>[] tags)
        : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private static readonly double TicksPerSecond = Stopwatch.Frequency;
        private IAsyncEnumerator<ChatResponseUpdate>? _updates;
        private long _last;

        public ChatResponseUpdate Current => _updates!.Current;

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            _updates = inner.GetAsyncEnumerator(cancellationToken);
            _last = Stopwatch.GetTimestamp();
            return this;
        }

        public ValueTask<bool> MoveNextAsync()
        {
            var pending = _updates!.MoveNextAsync();
            return pending.IsCompletedSuccessfully ? new ValueTask<bool>(Moved(pending.Result)) : MoveSlowAsync(pending);
        }

        public ValueTask DisposeAsync() => _updates?.DisposeAsync() ?? default;

        private async ValueTask<bool> MoveSlowAsync(ValueTask<bool> pending) => Moved(await pending);

        private bool Moved(bool moved)
        {
            if (moved)
            {
                var now = Stopwatch.GetTimestamp();
                perChunk.Record((now - _last) / TicksPerSecond, tags);
                _last = now;
            }

            return moved;
        }
    }
}
