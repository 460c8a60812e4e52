using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// The prompt a call names: read from <see cref="PromptChatOptions"/>, or from the entry that
/// <see cref="PromptChatOptionsExtensions.WithPrompt(ChatOptions, string, object, string, int?, string)"/> puts in <see cref="ChatOptions.AdditionalProperties"/>.
/// </summary>
/// <remarks>A struct, so that reading the mark of a <see cref="PromptChatOptions"/> allocates nothing.</remarks>
/// <param name="Name">The prompt's name.</param>
/// <param name="Variables">The values the templates read.</param>
/// <param name="Label">The label, or <see langword="null"/> for the default.</param>
/// <param name="Version">An exact version, or <see langword="null"/>.</param>
/// <param name="SplitKey">The key that keeps a traffic split sticky, or <see langword="null"/> to use the conversation id.</param>
internal readonly record struct PromptCall(string Name, object? Variables, string? Label, int? Version, string? SplitKey)
{
    /// <summary>Finds the prompt the options name, if any.</summary>
    /// <param name="options">The call's options.</param>
    /// <param name="call">The prompt named, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the options name a prompt.</returns>
    public static bool TryGet([NotNullWhen(true)] ChatOptions? options, out PromptCall call)
    {
        if (options is PromptChatOptions typed)
        {
            call = typed.Call;
            return true;
        }

        if (options?.AdditionalProperties is { } properties
            && properties.TryGetValue(PromptConstants.CallKey, out var marker)
            && marker is PromptCall marked)
        {
            call = marked;
            return true;
        }

        call = default;
        return false;
    }
}
