namespace LlmOps.Sdk.Prompts;

/// <summary>The mark of the prompt version that answered, on a response or on a stream's first update.</summary>
/// <remarks>
/// The prompt stage writes it; the telemetry stage, outside it, reads it back for the prompt's metric dimensions, and
/// <see cref="PromptChatOptionsExtensions.GetRenderedPrompt(ChatResponse?)"/> for the caller. It
/// travels with the answer itself, so it is there whether or not the call's span is recorded, and reading it costs one
/// dictionary lookup, and nothing when the answer has no properties.
/// </remarks>
internal static class PromptStamp
{
    /// <summary>Marks a response, or a stream's first update, with the version that answered.</summary>
    public static void Write(ChatResponse response, PromptVersion prompt) =>
        (response.AdditionalProperties ??= [])[PromptConstants.VersionKey] = prompt;

    /// <inheritdoc cref="Write(ChatResponse, PromptVersion)"/>
    public static void Write(ChatResponseUpdate update, PromptVersion prompt) =>
        (update.AdditionalProperties ??= [])[PromptConstants.VersionKey] = prompt;

    /// <summary>Reads the version a response or update was marked with, if any.</summary>
    public static PromptVersion? Read(AdditionalPropertiesDictionary? properties) => TryRead(properties, out var prompt) ? prompt : null;

    /// <summary>Finds the mark: whether there is one, and the version it holds (<see langword="null"/> if it holds something else).</summary>
    public static bool TryRead(AdditionalPropertiesDictionary? properties, out PromptVersion? prompt)
    {
        if (properties is not null && properties.TryGetValue(PromptConstants.VersionKey, out var value))
        {
            prompt = value as PromptVersion;
            return true;
        }

        prompt = null;
        return false;
    }
}
