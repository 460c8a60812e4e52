using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Holds one connection that LISTENs for changes, and reconnects with backoff when it is lost.</summary>
/// <remarks>
/// A notification sent while the connection is down is lost for good, so every (re)connection reports a change of
/// everything: registries then read each cached prompt again, and a label moved during the outage is served.
/// </remarks>
internal sealed class ChangeListener : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _store;
    private readonly PostgreSqlPromptStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string?> _onChange;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _losses;
    private Task _loop = Task.CompletedTask;
    private long _connections;
    private int _isConnected;

    /// <summary>Initializes a new instance of the <see cref="ChangeListener"/> class; it connects on <see cref="Start"/>.</summary>
    /// <param name="dataSource">Where the listening connection comes from.</param>
    /// <param name="store">The store's description, for log messages.</param>
    /// <param name="options">The reconnect and keep-alive settings.</param>
    /// <param name="time">The clock for reconnect delays.</param>
    /// <param name="logger">Where losses and reconnections are logged.</param>
    /// <param name="onChange">Called with a prompt's name when it changed, or <see langword="null"/> when anything may have.</param>
    public ChangeListener(
        NpgsqlDataSource dataSource, string store, PostgreSqlPromptStoreOptions options, TimeProvider time, ILogger logger, Action<string?> onChange)
    {
        _dataSource = dataSource;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _onChange = onChange;
    }

    /// <summary>Gets whether the listener holds a live connection now.</summary>
    public bool IsConnected => Volatile.Read(ref _isConnected) == 1;

    /// <summary>Gets how many times the listener has connected, the first time included.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Gets how many times the listener has lost its connection or failed to open one.</summary>
    public long Losses => Interlocked.Read(ref _losses);

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Completes once the listener has connected more than <paramref name="seen"/> times.</summary>
    public Task WaitForConnectionAsync(long seen, CancellationToken cancellationToken)
    {
        // Read the signal before the count: a count raised after this read also completes the signal read.
        var next = Volatile.Read(ref _connected);
        return Connections > seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once the listener has lost its connection more than <paramref name="seen"/> times.</summary>
    public Task WaitForLossAsync(long seen, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _lost);
        return Losses > seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand(SqlText.Listen, connection))
                {
                    await listen.ExecuteNonQueryAsync(token);
                }

                OnConnected(failures);
                failures = 0;
                await using var ping = new NpgsqlCommand(SqlText.Ping, connection);
                while (true)
                {
                    // A quiet connection may be dead without a word (a cable pulled, a firewall's timeout): ask it now and then.
                    if (!await connection.WaitAsync(_options.KeepAliveInterval, token))
                    {
                        await ping.ExecuteScalarAsync(token);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // whatever broke the connection, the answer is to reconnect; it is logged, never thrown
            catch (Exception error)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _isConnected, 0);
                failures++;
                Signal(ref _lost, ref _losses);

                // After a server restart every pooled connection is dead: drop them, so the next read opens a live one.
                _dataSource.Clear();
                var delay = Backoff(failures);
                PostgreSqlLog.ListenerLost(_logger, _store, (long)delay.TotalMilliseconds, failures, error);
                try
                {
                    await Task.Delay(delay, _time, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnConnected(int failures)
    {
        Volatile.Write(ref _isConnected, 1);
        if (failures == 0)
        {
            PostgreSqlLog.Listening(_logger, _store, PostgreSqlConstants.Channel);
        }
        else
        {
            PostgreSqlLog.ListenerReconnected(_logger, _store, failures);
        }

        // Whatever changed before this connection listened was never announced to it.
        _onChange(null);
        Signal(ref _connected, ref _connections);
    }

    private static void Signal(ref TaskCompletionSource signal, ref long count)
    {
        Interlocked.Increment(ref count);
        Interlocked.Exchange(ref signal, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        PostgreSqlLog.Changed(_logger, _store, notification.Payload);
        _onChange(notification.Payload);
    }

    /// <summary>Doubles from the first delay up to the longest, with ±20 % jitter so a fleet does not reconnect in step.</summary>
    private TimeSpan Backoff(int failures)
    {
        var doubled = _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(doubled, _options.MaxReconnectDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }
}
