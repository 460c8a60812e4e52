namespace LlmOps.Sdk.Rollouts;

/// <summary>The lease of a store that lives in one process: always granted, since nobody else could decide.</summary>
internal sealed class InProcessRolloutLease : IRolloutLease
{
    public static InProcessRolloutLease Instance { get; } = new();

    private InProcessRolloutLease()
    {
    }

    public ValueTask<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken = default) => new(true);

    public ValueTask ReleaseAsync(string holder, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
