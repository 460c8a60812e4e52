namespace LlmOps.Sdk.Prompts;

/// <summary>The defaults and fixed names of the prompt capability, in one place.</summary>
internal static class PromptConstants
{
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(60);

    /// <summary>After a failed refresh, how long a stale entry is served before the store is asked again.</summary>
    public static readonly TimeSpan FailedRefreshBackoff = TimeSpan.FromSeconds(5);

    public const string DefaultLabel = "production";
    public const string LatestLabel = "latest";
    public const int DefaultMaxPartialDepth = 10;

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of the prompt a call names.</summary>
    public const string CallKey = "llmops.prompt";

    /// <summary>
    /// Keys of the version that answered: the prompt stage sets <see cref="VersionKey"/> on the response; on the options
    /// it passes on, the version is a field of <see cref="RenderedPromptChatOptions"/>, and the key is read only from
    /// options built by another stage or by hand.
    /// </summary>
    public const string NameKey = "llmops.prompt.name";
    public const string VersionKey = "llmops.prompt.version";
    public const string LabelKey = "llmops.prompt.label";
    public const string HashKey = "llmops.prompt.hash";
}
