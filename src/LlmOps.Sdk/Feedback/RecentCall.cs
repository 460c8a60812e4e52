using System.Diagnostics;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Feedback;

/// <summary>One slot of the <see cref="RecentCallIndex"/>: what is known of one call, by its response id.</summary>
/// <remarks>
/// A struct in a preallocated array, so that remembering a call allocates nothing: every field refers to an object the
/// call already made. The content fields are set only when capture keeps content for later rules.
/// </remarks>
internal struct RecentCall
{
    public string? ResponseId;
    public int Hash;  // of ResponseId, kept so that forgetting the call never reads its (by then cold) string again
    public int Next;  // the next slot in the same bucket, plus one; 0 ends the chain
    public string? PromptName;
    public int? PromptVersion;
    public ActivityContext Trace;
    public string? ModelId;
    public bool HasCall;
    public bool Captured;

    // Content, for capture: the caller's messages (only the first MessageCount were sent), the response, the variables.
    public IEnumerable<ChatMessage>? Messages;
    public int MessageCount;
    public ChatResponse? Response;
    public object? Variables;

    // Scores and feedback that arrived for the call, and a correction from feedback; allocated only when one arrives.
    public List<EvaluationRecord>? Records;
    public string? Correction;
}
