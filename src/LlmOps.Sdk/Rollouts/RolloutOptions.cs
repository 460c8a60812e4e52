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
}
