namespace LlmOps.Sdk.Prompts;

/// <summary>Who makes a change to a prompt store, and why: recorded in its history.</summary>
/// <param name="Actor">Who makes the change: a user name, a service or a CI job.</param>
/// <param name="Reason">Why, such as a ticket or the experiment whose winner is promoted.</param>
public sealed record PromptChange(string Actor, string Reason);
