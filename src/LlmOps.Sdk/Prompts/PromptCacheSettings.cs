namespace LlmOps.Sdk.Prompts;

/// <summary>How the response cache treats calls through a prompt version that opts in (<c>cache:</c> in its file).</summary>
/// <remarks>
/// A version with settings opts in: the response cache stage serves and stores its calls. It does not change what the
/// model is sent, so it is not part of <see cref="PromptVersion.ContentHash"/>. A call's own
/// <c>WithCache</c>/<c>WithoutCache</c> wins over it.
/// </remarks>
public sealed record PromptCacheSettings
{
    /// <summary>Gets how long an answer is served from the cache.</summary>
    /// <value><see langword="null"/> for the stage's default duration.</value>
    public TimeSpan? Duration { get; init; }
}
