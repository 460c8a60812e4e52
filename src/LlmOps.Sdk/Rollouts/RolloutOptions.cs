namespace LlmOps.Sdk.Rollouts;

/// <summary>Settings of the controller that drives guarded rollouts in a service.</summary>
public sealed class RolloutOptions
{
    /// <summary>Gets or sets how often the controller reads the registry and judges the running steps.</summary>
    /// <value>From 1 second to 1 hour. The default is 15 seconds.</value>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the actor the controller's label changes are recorded under.</summary>
    /// <value>The default is <c>llmops-rollout</c>.</value>
    public string Actor { get; set; } = RolloutConstants.DefaultActor;

    /// <summary>Gets or sets how long the instance that decides rollouts keeps that role without renewing it.</summary>
    /// <remarks>
    /// Only stores shared by a fleet (PostgreSQL) have a lease: one instance holds it and decides, the others follow the
    /// label. The holder renews it every tick; when the holder stops without releasing it, another instance takes over
    /// after at most this long. In one process there is nothing to lease and this is not used.
    /// </remarks>
    /// <value>
    /// At least twice <see cref="TickInterval"/>, so that one late tick does not hand the lease over, and at most 1 day.
    /// The default, <see langword="null"/>, is three times <see cref="TickInterval"/>.
    /// </value>
    public TimeSpan? LeaseDuration { get; set; }
}
