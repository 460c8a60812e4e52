namespace LlmOps.Sdk.Caching;

/// <summary>What a call's own options say about caching: on (for how long) or off.</summary>
/// <remarks>Immutable; the two common directives are shared instances, so marking a call allocates nothing but the options' dictionary.</remarks>
/// <param name="Enabled">Whether the call's response may be served from, and stored in, the cache.</param>
/// <param name="Duration">How long a stored response is served, or <see langword="null"/> for the prompt's or the stage's default.</param>
internal sealed record ResponseCacheDirective(bool Enabled, TimeSpan? Duration)
{
    public static readonly ResponseCacheDirective On = new(true, null);

    public static readonly ResponseCacheDirective Off = new(false, null);
}
