namespace LlmOps.Sdk.Rollouts;

/// <summary>A lease that lets one instance of a fleet decide rollouts while the others follow the label.</summary>
/// <remarks>
/// The lease expires by itself, so an instance that dies without releasing it hands over after at most one duration.
/// Implementations judge expiry on one clock shared by the fleet (the database's), never on each caller's own.
/// </remarks>
internal interface IRolloutLease
{
    /// <summary>Takes the lease when it is free or expired, or extends it when <paramref name="holder"/> holds it already.</summary>
    /// <param name="holder">Who asks: unique per process, and the same on every call of that process.</param>
    /// <param name="duration">How long the lease lasts from now, unless renewed.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when <paramref name="holder"/> holds the lease for <paramref name="duration"/> from now.</returns>
    ValueTask<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up when <paramref name="holder"/> holds it, so another instance takes over without waiting for expiry.</summary>
    /// <param name="holder">Who gives it up; a lease held by someone else is left alone.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseAsync(string holder, CancellationToken cancellationToken = default);
}
