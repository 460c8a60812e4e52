using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Owns the container's background evaluation queues, one per pipeline, and drains them when the host stops.</summary>
/// <remarks>
/// A queue is created on first use, so a host whose evaluators are all inline starts no worker. Each pipeline (the
/// unkeyed one and each <c>AddKeyedLlmOps</c> key) has its own queue, sized by its own options, so that one pipeline's
/// slow judges do not fill another's queue. Draining happens in <see cref="StopAsync"/>, within the host's shutdown, and
/// again (a no-op by then) when the container is disposed, for applications that use the container without a host.
/// </remarks>
internal sealed class EvaluationQueueHost : IHostedService, IAsyncDisposable
{
    private readonly IOptionsMonitor<LlmOpsOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IMeterFactory? _meterFactory;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EvaluationQueue> _queues = new(StringComparer.Ordinal);

    public EvaluationQueueHost(
        IOptionsMonitor<LlmOpsOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _meterFactory = meterFactory;
    }

    /// <summary>Gets the queue of the pipeline whose options have <paramref name="optionsName"/>, creating it and its workers on first use.</summary>
    public EvaluationQueue GetQueue(string optionsName)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(optionsName, out var queue))
            {
                queue = new EvaluationQueue(
                    _options.Get(optionsName).Evaluation, _timeProvider, _loggerFactory.CreateLogger<EvaluationChatClient>(),
                    new EvaluationMetrics(_meterFactory), ownsMetrics: true);
                _queues.Add(optionsName, queue);
            }

            return queue;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Side by side, so that the host waits at most the longest drain timeout, not their sum.
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Array.ConvertAll(Current, queue => queue.DrainAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in Current)
        {
            await queue.DisposeAsync();
        }
    }

    private EvaluationQueue[] Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _queues.Values];
            }
        }
    }
}
