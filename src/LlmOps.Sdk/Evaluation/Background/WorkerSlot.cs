namespace LlmOps.Sdk.Evaluation;

/// <summary>The evaluation one worker is running, which ends either published by the worker or dropped by the drain.</summary>
/// <remarks>
/// When the drain times out it counts each running evaluation as dropped, and the worker would still publish it once its
/// evaluator gave up: counted twice. Whichever of the two claims the running evaluation first owns it; the other leaves
/// it alone. Thread-safe.
/// </remarks>
internal sealed class WorkerSlot
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Publishing = 2;
    private const int Abandoned = 3;

    private int _state;

    /// <summary>Marks an evaluation as taken from the queue and running.</summary>
    public void Begin() => Volatile.Write(ref _state, Running);

    /// <summary>Marks the worker as done with its evaluation, published or not.</summary>
    public void End() => Volatile.Write(ref _state, Idle);

    /// <summary>Claims the finished evaluation for publishing; <see langword="false"/> when the drain dropped it first.</summary>
    public bool TryPublish() => Interlocked.CompareExchange(ref _state, Publishing, Running) == Running;

    /// <summary>Claims the running evaluation as dropped; <see langword="false"/> when none runs or it is being published.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Running) == Running;
}
