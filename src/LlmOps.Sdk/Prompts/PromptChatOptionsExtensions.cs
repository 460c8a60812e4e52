using System.Diagnostics.CodeAnalysis;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Mustache;

namespace LlmOps.Sdk;

/// <summary>Names the prompt a chat call should send.</summary>
public static class PromptChatOptionsExtensions
{
    /// <summary>Marks the call to send the named prompt, rendered with <paramref name="variables"/>, before its own messages.</summary>
    /// <remarks>
    /// <para>
    /// The prompt stage resolves the prompt, renders it, applies its model settings where these options leave them
    /// unset, and removes the mark before the provider sees the options. Without the prompt stage in the pipeline the
    /// mark does nothing.
    /// </para>
    /// <para>
    /// The mark is an entry of <see cref="ChatOptions.AdditionalProperties"/> (created when missing). A call made for
    /// one prompt costs less with <see cref="PromptChatOptions"/>, which holds the mark in fields; on those options this
    /// method replaces the mark.
    /// </para>
    /// </remarks>
    /// <param name="options">The call's options; changed and returned.</param>
    /// <param name="name">The prompt's name.</param>
    /// <param name="variables">The values the templates read: an anonymous object, a POCO, a dictionary, or JSON.</param>
    /// <param name="label">The label to serve, such as <c>staging</c>; the configured default label when <see langword="null"/>.</param>
    /// <param name="version">An exact version to serve; wins over <paramref name="label"/>.</param>
    /// <param name="splitKey">Keeps a traffic split's choice sticky (a user or session id); <see cref="ChatOptions.ConversationId"/> when <see langword="null"/>.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="label"/> is not a valid name, or <paramref name="version"/> is below 1.</exception>
    public static ChatOptions WithPrompt(
        this ChatOptions options, string name, object? variables = null, string? label = null, int? version = null, string? splitKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        PromptName.ThrowIfInvalid(name);
        if (label is not null)
        {
            PromptName.ThrowIfInvalid(label, "label");
        }

        if (version is { } number)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(number, 1, nameof(version));
        }

        if (options is PromptChatOptions typed)
        {
            // Validated above, so the mark is replaced as a whole or not at all.
            typed.PromptName = name;
            typed.Variables = variables;
            typed.Label = label;
            typed.Version = version;
            typed.SplitKey = splitKey;
            return typed;
        }

        (options.AdditionalProperties ??= [])[PromptConstants.CallKey] = new PromptCall(name, variables, label, version, splitKey);
        return options;
    }

    /// <summary>Marks the call to send the named prompt, rendered with variables whose type is known at compile time.</summary>
    /// <remarks>
    /// Marks the call like <see cref="WithPrompt(ChatOptions, string, object, string, int?, string)"/>. Naming the type
    /// (an anonymous object, a record, a POCO) lets trimming and native AOT keep its public properties and fields, so that
    /// the templates can read them; objects nested in them are read only under JIT, so under native AOT nest dictionaries
    /// or JSON.
    /// </remarks>
    /// <typeparam name="T">The variables' type.</typeparam>
    /// <param name="options">The call's options; changed and returned.</param>
    /// <param name="name">The prompt's name.</param>
    /// <param name="variables">The values the templates read.</param>
    /// <param name="label">The label to serve, such as <c>staging</c>; the configured default label when <see langword="null"/>.</param>
    /// <param name="version">An exact version to serve; wins over <paramref name="label"/>.</param>
    /// <param name="splitKey">Keeps a traffic split's choice sticky (a user or session id); <see cref="ChatOptions.ConversationId"/> when <see langword="null"/>.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="label"/> is not a valid name, or <paramref name="version"/> is below 1.</exception>
    public static ChatOptions WithPrompt<[DynamicallyAccessedMembers(TypeAccessor.ReadMembers)] T>(
        this ChatOptions options, string name, T variables, string? label = null, int? version = null, string? splitKey = null)
    {
        TypeRegistration<T>.Ensure();
        return WithPrompt(options, name, (object?)variables, label, version, splitKey);
    }

    /// <summary>Gets the prompt version that answered a call, as the prompt stage recorded it in the options it passed on.</summary>
    /// <param name="options">The options an inner stage or the provider received.</param>
    /// <returns>The version, or <see langword="null"/> when no prompt was rendered.</returns>
    public static PromptVersion? GetRenderedPrompt(this ChatOptions? options) => options switch
    {
        null => null,
        RenderedPromptChatOptions rendered => rendered.Prompt,

        // Options built by another stage, or by hand, may carry the version as an entry.
        _ => PromptStamp.Read(options.AdditionalProperties),
    };

    /// <summary>Gets the prompt version that answered, as the prompt stage recorded it on the response.</summary>
    /// <param name="response">A response from a pipeline with the prompt stage.</param>
    /// <returns>The version, or <see langword="null"/> when the call named no prompt.</returns>
    public static PromptVersion? GetRenderedPrompt(this ChatResponse? response)
    {
        if (response is null)
        {
            return null;
        }

        if (PromptStamp.TryRead(response.AdditionalProperties, out var stamped))
        {
            return stamped;
        }

        // A response assembled from a stream keeps the updates' properties on its messages.
        foreach (var message in response.Messages)
        {
            if (PromptStamp.TryRead(message.AdditionalProperties, out var fromStream))
            {
                return fromStream;
            }
        }

        return null;
    }
}
