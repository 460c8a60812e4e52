using System.Runtime.CompilerServices;
using LlmOps.Sdk.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Streaming;

/// <summary>Every stage's stream releases the provider's stream: read to its end, or left after the first chunk.</summary>
/// <remarks>
/// A provider's stream holds its HTTP response until it is disposed. Isolated, because with a listener the telemetry
/// stage wraps the stream in its own, and that listener would change what other tests observe.
/// </remarks>
[Collection(nameof(TelemetryIsolation))]
public sealed class StreamDisposalTests
{
    public static TheoryData<bool, bool, bool> Shapes()
    {
        var shapes = new TheoryData<bool, bool, bool>();
        foreach (var listening in new[] { false, true })
        {
            foreach (var retriesOnly in new[] { false, true })
            {
                foreach (var cancellable in new[] { false, true })
                {
                    shapes.Add(listening, retriesOnly, cancellable);
                }
            }
        }

        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Stream_LeftAfterTheFirstChunk_ProviderStreamDisposed(bool listening, bool retriesOnly, bool cancellable)
    {
        using var listeners = listening ? new SdkListeners() : null;
        var provider = new DisposalTrackingClient();
        await using var services = EveryStage.Services(provider, retriesOnly);
        using var call = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();
        var stream = services.GetRequiredService<IChatClient>()
            .GetStreamingResponseAsync([], EveryStage.Call(), cancellable ? call.Token : CancellationToken.None);

        await foreach (var update in stream.WithCancellation(cancellable ? enumeration.Token : CancellationToken.None))
        {
            break;
        }

        Assert.Equal((1, 1), (provider.Started, provider.Disposed));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Stream_ReadToItsEnd_ProviderStreamDisposed(bool listening, bool retriesOnly, bool cancellable)
    {
        using var listeners = listening ? new SdkListeners() : null;
        var provider = new DisposalTrackingClient();
        await using var services = EveryStage.Services(provider, retriesOnly);
        using var call = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();
        var read = 0;
        var stream = services.GetRequiredService<IChatClient>()
            .GetStreamingResponseAsync([], EveryStage.Call(), cancellable ? call.Token : CancellationToken.None);

        await foreach (var update in stream.WithCancellation(cancellable ? enumeration.Token : CancellationToken.None))
        {
            read++;
        }

        Assert.Equal((3, 1, 1), (read, provider.Started, provider.Disposed));
    }

    /// <summary>Streams three chunks, counting the streams it started and the ones disposed.</summary>
    private sealed class DisposalTrackingClient : IChatClient
    {
        private int _started;
        private int _disposed;

        public int Started => Volatile.Read(ref _started);

        public int Disposed => Volatile.Read(ref _disposed);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This provider only streams.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            StreamAsync(cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            // Nothing to release.
        }

        private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? "Hi." : string.Empty) { MessageId = "m" };
                }

                await Task.CompletedTask;
            }
            finally
            {
                Interlocked.Increment(ref _disposed);
            }
        }
    }
}
