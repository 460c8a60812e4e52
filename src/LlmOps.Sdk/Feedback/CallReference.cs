using System.Diagnostics;

namespace LlmOps.Sdk.Feedback;

/// <summary>What feedback needs of a recent call: its prompt version and its span.</summary>
internal readonly record struct CallReference(string? PromptName, int? PromptVersion, ActivityContext Trace, string? ModelId);
