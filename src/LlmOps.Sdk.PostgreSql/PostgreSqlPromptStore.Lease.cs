using LlmOps.Sdk.Rollouts;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

public sealed partial class PostgreSqlPromptStore : IRolloutLeaseProvider
{
    /// <inheritdoc/>
    IRolloutLease IRolloutLeaseProvider.CreateRolloutLease() => new PostgreSqlRolloutLease(this, PostgreSqlConstants.RolloutLeaseName);

    /// <summary>Takes or renews a lease row for <paramref name="holder"/>, on the database's clock.</summary>
    /// <returns><see langword="true"/> when <paramref name="holder"/> holds the lease now.</returns>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    internal async ValueTask<bool> TryAcquireLeaseAsync(string lease, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly($"could not take lease '{lease}'");
        await StartAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(SqlText.LeaseAcquire, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
            return await command.ExecuteScalarAsync(cancellationToken) is string granted && granted == holder;
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, $"could not take or renew lease '{lease}' for '{holder}'", error);
        }
    }

    /// <summary>Deletes a lease row when <paramref name="holder"/> still holds it.</summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    internal async ValueTask ReleaseLeaseAsync(string lease, string holder, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(SqlText.LeaseRelease, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, $"could not release lease '{lease}' held by '{holder}'", error);
        }
    }
}
