namespace LlmOps.Sdk.Rollouts;

/// <summary>A prompt store shared by a fleet that can also hand out the lease of its rollouts.</summary>
/// <remarks>
/// <c>AddRollouts</c> asks the writable store for it, so a fleet on one database gets one decider without any setting;
/// a store that does not offer one (in-memory, SQLite: one machine) gets <see cref="InProcessRolloutLease"/>.
/// </remarks>
internal interface IRolloutLeaseProvider
{
    /// <summary>Creates the lease that every instance on this store competes for.</summary>
    /// <returns>The lease; calls to it reach the store.</returns>
    IRolloutLease CreateRolloutLease();
}
