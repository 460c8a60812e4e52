using System.Runtime.CompilerServices;
using LlmOps.Sdk.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Streaming;

/// <summary>What a chunk costs through every stage: nothing allocated, whatever the stream's length.</summary>
/// <remarks>
/// Isolated, because a listener on the SDK's source and meter would change what other tests observe. The provider
/// streams pre-built updates, empty but for the first, so that the assembled response has the same size at any length:
/// the difference between a long and a short stream is then the cost of the extra chunks alone.
/// </remarks>
[Collection(nameof(TelemetryIsolation))]
public sealed class StreamChunkAllocationTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Stream_EveryStage_ExtraChunksAllocateNothing(bool listening, bool retriesOnly)
    {
        using var listeners = listening ? new SdkListeners() : null;
        var provider = new PrebuiltStreamClient();
        await using var services = EveryStage.Services(provider, retriesOnly);
        var client = services.GetRequiredService<IChatClient>();
        var options = EveryStage.Call();
        await ReadAsync(client, options, provider, 400); // the pools (kept updates) reach the longer stream's size
        await ReadAsync(client, options, provider, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var shortRead = await ReadAsync(client, options, provider, 100);
        var shortStream = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var longRead = await ReadAsync(client, options, provider, 400);
        var longStream = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((100, 400), (shortRead, longRead));
        Assert.True(longStream <= shortStream, $"300 more chunks allocated {longStream - shortStream} more bytes ({shortStream} B for 100 chunks).");
    }

    private static async Task<int> ReadAsync(IChatClient client, ChatOptions options, PrebuiltStreamClient provider, int chunks)
    {
        provider.Chunks = chunks;
        var read = 0;
        await foreach (var update in client.GetStreamingResponseAsync([], options))
        {
            read++;
        }

        return read;
    }

    /// <summary>Streams the same pre-built updates every time, completing each synchronously, allocating nothing per update.</summary>
    private sealed class PrebuiltStreamClient : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates = Enumerable.Range(0, 400)
            .Select(i => new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? "Hi Ada." : string.Empty) { MessageId = "m", ModelId = "gpt-4o-mini" })
            .ToArray();

        public int Chunks { get; set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This provider only streams.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            StreamAsync(_updates, Chunks, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            // Nothing to release.
        }

        private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
            ChatResponseUpdate[] updates, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return updates[i];
            }

            await Task.CompletedTask;
        }
    }
}
