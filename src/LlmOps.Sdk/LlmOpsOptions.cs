using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Caching;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Privacy;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
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

    /// <summary>Gets or sets spend budgets: limits in USD per window for the client, a prompt, a model or a key of the call.</summary>
    [Required]
    [ValidateObjectMembers]
    public BudgetOptions Budgets { get; set; } = new();

    /// <summary>Gets or sets the response cache: whether it is on, durations, what is cached and the key prefix.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResponseCacheOptions Cache { get; set; } = new();

    /// <summary>Gets or sets the evaluators that score responses, their sinks and the background queue.</summary>
    [Required]
    [ValidateObjectMembers]
    public EvaluationOptions Evaluation { get; set; } = new();

    /// <summary>Gets or sets how personal data is protected before the provider sees it.</summary>
    [Required]
    public PrivacyOptions Privacy { get; set; } = new();

    /// <summary>Gets or sets how prompts are cached, resolved and rendered.</summary>
    [Required]
    [ValidateObjectMembers]
    public PromptOptions Prompts { get; set; } = new();

    /// <summary>Gets or sets the provider rate limits: requests and tokens per minute.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Gets or sets how transient provider faults are retried.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets what the telemetry stage records: content capture and the price table for cost.</summary>
    [Required]
    [ValidateObjectMembers]
    public TelemetryOptions Telemetry { get; set; } = new();
}
