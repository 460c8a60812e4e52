using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Owns the container's one background evaluation queue and drains it when the host stops.</summary>
/// <remarks>
/// The queue is created on first use, so a host whose evaluators are all inline starts no worker. Draining happens in
/// <see cref="StopAsync"/>, within the host's shutdown, and again (a no-op by then) when the container is disposed, for
/// applications that use the container without a host.
/// </remarks>
internal sealed class EvaluationQueueHost : IHostedService, IAsyncDisposable
{
    private readonly IOptions<LlmOpsOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IMeterFactory? _meterFactory;
    private readonly Lock _gate = new();
    private EvaluationQueue? _queue;

    public EvaluationQueueHost(
        IOptions<LlmOpsOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _meterFactory = meterFactory;
    }

    /// <summary>Gets the queue, creating it and its workers on first use.</summary>
    public EvaluationQueue Queue
    {
        get
        {
            lock (_gate)
            {
                return _queue ??= new EvaluationQueue(
                    _options.Value.Evaluation, _timeProvider, _loggerFactory.CreateLogger<EvaluationChatClient>(),
                    new EvaluationMetrics(_meterFactory), ownsMetrics: true);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Current?.DrainAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => Current?.DisposeAsync() ?? ValueTask.CompletedTask;

    private EvaluationQueue? Current
    {
        get
        {
            lock (_gate)
            {
                return _queue;
            }
        }
    }
}
