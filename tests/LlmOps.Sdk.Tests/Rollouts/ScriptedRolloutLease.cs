using LlmOps.Sdk.Rollouts;

namespace LlmOps.Sdk.Tests.Rollouts;

/// <summary>A lease whose answers the test sets: granted or refused, as another instance would make it.</summary>
internal sealed class ScriptedRolloutLease(bool granted) : IRolloutLease
{
    public bool Granted { get; set; } = granted;

    public int Releases { get; private set; }

    public ValueTask<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken = default) => new(Granted);

    public ValueTask ReleaseAsync(string holder, CancellationToken cancellationToken = default)
    {
        Releases++;
        return ValueTask.CompletedTask;
    }
}
