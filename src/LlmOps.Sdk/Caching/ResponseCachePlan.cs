
namespace LlmOps.Sdk.Caching;

/// <summary>Decides whether a call is cached, and for how long: the call's own choice, then its prompt's, then the stage's.</summary>
internal static class ResponseCachePlan
{
    /// <summary>Gets how long the call's answer may be served, or <see langword="false"/> when the call is not cached.</summary>
    /// <remarks>
    /// The prompt's setting reaches this stage on the options the prompt stage passes on: they know the rendered
    /// version (<see cref="PromptChatOptionsExtensions.GetRenderedPrompt(ChatOptions?)"/>), so no entry is added to
    /// <see cref="ChatOptions.AdditionalProperties"/> that a provider might forward.
    /// </remarks>
    public static bool TryGetDuration(ChatOptions? options, ResponseCacheOptions stage, out TimeSpan duration)
    {
        duration = stage.DefaultDuration;
        if (options?.AdditionalProperties is { } properties
            && properties.TryGetValue(ResponseCacheConstants.DirectiveKey, out var value)
            && value is ResponseCacheDirective directive)
        {
            if (!directive.Enabled)
            {
                return false;
            }

            duration = directive.Duration ?? options.GetRenderedPrompt()?.Cache?.Duration ?? stage.DefaultDuration;
            return true;
        }

        if (options.GetRenderedPrompt()?.Cache is { } prompt)
        {
            duration = prompt.Duration ?? stage.DefaultDuration;
            return true;
        }

        return stage.CacheAllCalls;
    }
}
