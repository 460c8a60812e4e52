using System.Globalization;
using LlmOps.Sdk.Budgets;
using StackExchange.Redis;

namespace LlmOps.Sdk.Redis;

/// <summary>Keeps budget counters in Redis, so that every instance of a service draws from the same budgets.</summary>
/// <remarks>
/// <para>
/// Each counter's window slice is one key holding a float (<c>{prefix}{budget|scope}:{slice}</c>, the braces a
/// hash tag, so that a counter's keys share a cluster slot), expiring when the slice has left its window. A reservation
/// is one Lua script: it sums the window's slices and adds the amount only if the sum stays within the limit, so that
/// two instances can never both pass the same check. Settling adds the difference to the slice the reservation was
/// made in, if it still exists.
/// </para>
/// <para>Thread-safe. A store built from a configuration string owns its connection and closes it when disposed.</para>
/// </remarks>
internal sealed class RedisBudgetStore : IBudgetStore, IAsyncDisposable, IDisposable
{
    // Sums the window's slices (KEYS; the current one first) and reserves ARGV[1] if the sum stays within ARGV[2].
    private const string ReserveScript = """
        local values = redis.call('MGET', unpack(KEYS))
        local total = 0
        for _, value in ipairs(values) do
          if value then total = total + tonumber(value) end
        end
        local amount = tonumber(ARGV[1])
        if total + amount > tonumber(ARGV[2]) + tonumber(ARGV[4]) then
          return {0, tostring(total)}
        end
        redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return {1, tostring(total + amount)}
        """;

    // Adds ARGV[1] to the reservation's slice (KEYS[1]) while it exists, then sums the window it ends.
    private const string AdjustScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
        end
        local values = redis.call('MGET', unpack(KEYS))
        local total = 0
        for _, value in ipairs(values) do
          if value then total = total + tonumber(value) end
        end
        return tostring(total)
        """;

    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _ownsConnection;
    private readonly string _keyPrefix;
    private readonly Lock _gate = new();
    private IConnectionMultiplexer? _connected;
    private Task<IConnectionMultiplexer>? _connecting;

    public RedisBudgetStore(IConnectionMultiplexer connection, string keyPrefix)
    {
        _connected = connection;
        _connect = () => Task.FromResult(connection);
        _keyPrefix = keyPrefix;
    }

    public RedisBudgetStore(string configuration, string keyPrefix)
    {
        _connect = async () => await ConnectionMultiplexer.ConnectAsync(configuration);
        _ownsConnection = true;
        _keyPrefix = keyPrefix;
    }

    public async ValueTask<BudgetReservation> ReserveAsync(
        BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            ReserveScript,
            Keys(key, slot),
            [amountUsd, limitUsd, (long)Math.Ceiling(slot.TimeToLive.TotalMilliseconds), BudgetConstants.ToleranceUsd]))!; // the script returns a pair
        return new BudgetReservation((int)result[0] == 1, Parse(result[1]));
    }

    public async ValueTask<double> AdjustAsync(BudgetCounterKey key, BudgetSlot slot, double deltaUsd, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync();
        return Parse(await database.ScriptEvaluateAsync(AdjustScript, Keys(key, slot), [deltaUsd]));
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connected is { } connected)
        {
            await connected.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connected?.Dispose();
        }
    }

    /// <summary>Returns the slice's key first, then the earlier slices of its window.</summary>
    internal RedisKey[] Keys(BudgetCounterKey key, BudgetSlot slot)
    {
        var counter = string.Concat(_keyPrefix, "{", key.Budget, "|", key.ScopeValue, "}:");
        var keys = new RedisKey[slot.Span];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = counter + (slot.Index - i).ToString(CultureInfo.InvariantCulture);
        }

        return keys;
    }

    private static double Parse(RedisResult result) =>
        double.Parse((string?)result ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);

    private async Task<IDatabase> GetDatabaseAsync()
    {
        if (Volatile.Read(ref _connected) is { } connected)
        {
            return connected.GetDatabase();
        }

        // Connect on first use, not at start: a host must be able to start while Redis is still coming up. One attempt
        // at a time; a failed one is tried again by the next call.
        Task<IConnectionMultiplexer> connecting;
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = _connect();
            }

            connecting = _connecting;
        }

        var connection = await connecting;
        Volatile.Write(ref _connected, connection);
        return connection.GetDatabase();
    }
}
