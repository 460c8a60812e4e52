using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk;

/// <summary>Settings for the whole LlmOps pipeline, one section per capability.</summary>
/// <remarks>
/// Bind it from the configuration section <c>"LlmOps"</c> (<see cref="SectionName"/>), for example
/// <c>"LlmOps:Resilience:MaxRetryAttempts": 3</c>. Options are read once, when the pipeline is built.
/// </remarks>
public sealed class LlmOpsOptions
{
    /// <summary>The configuration section these options bind from by default: <c>LlmOps</c>.</summary>
    public const string SectionName = "LlmOps";

    /// <summary>Gets or sets how prompts are cached, resolved and rendered.</summary>
    [Required]
    [ValidateObjectMembers]
    public PromptOptions Prompts { get; set; } = new();

    /// <summary>Gets or sets how transient provider faults are retried.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResilienceOptions Resilience { get; set; } = new();
}
