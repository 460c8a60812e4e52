using System.Diagnostics;

namespace LlmOps.Sdk.Feedback;

/// <summary>What the feedback stage knows of a finished call, handed to the <see cref="RecentCallIndex"/> without allocating.</summary>
internal readonly record struct CallFacts(
    string? PromptName,
    int? PromptVersion,
    ActivityContext Trace,
    string? ModelId,
    IEnumerable<ChatMessage>? Messages,
    int MessageCount,
    ChatResponse? Response,
    object? Variables);
