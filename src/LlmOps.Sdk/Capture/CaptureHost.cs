using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk.Capture;

/// <summary>Drains every pipeline's capture queue when the host stops.</summary>
/// <remarks>Queues are added when their pipeline is first built; disposing the container drains them again (a no-op by then).</remarks>
internal sealed class CaptureHost : IHostedService
{
    private readonly Lock _gate = new();
    private readonly List<CaptureQueue> _queues = [];

    public void Add(CaptureQueue queue)
    {
        lock (_gate)
        {
            _queues.Add(queue);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Side by side, so that the host waits at most the longest drain timeout, not their sum.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        CaptureQueue[] queues;
        lock (_gate)
        {
            queues = [.. _queues];
        }

        return Task.WhenAll(Array.ConvertAll(queues, queue => queue.DrainAsync(cancellationToken)));
    }
}
