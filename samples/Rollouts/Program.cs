using RolloutsSample;

// Offline: a scripted provider, an in-memory registry and a simulated clock.
var status = await GuardedRollout.RunAsync(Console.Out);
return status.State == LlmOps.Sdk.Rollouts.RolloutState.Halted ? 0 : 1;
