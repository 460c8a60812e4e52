using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// The options the prompt stage passes on: a copy of the caller's, without the prompt mark, that knows which version
/// was rendered.
/// </summary>
/// <remarks>
/// The version is a field, not an entry of <see cref="ChatOptions.AdditionalProperties"/>, so a call whose options hold
/// nothing else passes on no dictionary at all, and a provider that forwards unknown entries never sees it. Inner stages
/// read it through <see cref="PromptChatOptionsExtensions.GetRenderedPrompt(ChatOptions?)"/>; <see cref="Clone"/>
/// keeps it, so middleware that copies the options does not lose it.
/// </remarks>
internal sealed class RenderedPromptChatOptions : ChatOptions
{
    private RenderedPromptChatOptions(PromptVersion prompt)
    {
        Prompt = prompt;
    }

    private RenderedPromptChatOptions(RenderedPromptChatOptions other)
        : base(other)
    {
        Prompt = other.Prompt;
        Variables = other.Variables;
    }

    /// <summary>Gets the version that was rendered.</summary>
    /// <remarks>
    /// Not serialized: middleware that writes the options as JSON (a cache key, a log) writes what a plain
    /// <see cref="ChatOptions"/> would, without the prompt's templates.
    /// </remarks>
    [JsonIgnore]
    public PromptVersion Prompt { get; }

    /// <summary>Gets the variables the prompt was rendered with, for stages that record the call (capture to a dataset).</summary>
    /// <remarks>A reference to the caller's object, not a copy: holding it costs nothing per call.</remarks>
    [JsonIgnore]
    public object? Variables { get; private init; }

    /// <summary>Copies the caller's options, as <see cref="ChatOptions.Clone"/> does, leaving out the prompt mark.</summary>
    /// <remarks>
    /// Property by property rather than through the base copy constructor: that one copies
    /// <see cref="ChatOptions.AdditionalProperties"/> whole, building a dictionary only to remove the mark from it when
    /// the mark was its only entry. <c>RenderedPromptChatOptionsTests</c> fails when <see cref="ChatOptions"/> gains a
    /// property that is not copied here.
    /// </remarks>
    /// <param name="caller">The options the call was made with; never changed.</param>
    /// <param name="prompt">The version rendered.</param>
    /// <param name="variables">The variables it was rendered with.</param>
    /// <returns>A new instance, owned by this one call.</returns>
    public static RenderedPromptChatOptions From(ChatOptions caller, PromptVersion prompt, object? variables = null)
    {
        var copy = new RenderedPromptChatOptions(prompt)
        {
            Variables = variables,
            AdditionalProperties = WithoutMark(caller.AdditionalProperties),
            AllowBackgroundResponses = caller.AllowBackgroundResponses,
            AllowMultipleToolCalls = caller.AllowMultipleToolCalls,
            ContinuationToken = caller.ContinuationToken,
            ConversationId = caller.ConversationId,
            FrequencyPenalty = caller.FrequencyPenalty,
            Instructions = caller.Instructions,
            MaxOutputTokens = caller.MaxOutputTokens,
            ModelId = caller.ModelId,
            PresencePenalty = caller.PresencePenalty,
            RawRepresentationFactory = caller.RawRepresentationFactory,
            Reasoning = caller.Reasoning is { } reasoning ? new() { Effort = reasoning.Effort, Output = reasoning.Output } : null,
            ResponseFormat = caller.ResponseFormat,
            Seed = caller.Seed,
            Temperature = caller.Temperature,
            ToolMode = caller.ToolMode,
            TopK = caller.TopK,
            TopP = caller.TopP,
        };

        // New lists, as Clone makes: an inner stage that adds a tool or a stop sequence must not change the caller's.
        if (caller.StopSequences is { } stops)
        {
            copy.StopSequences = [.. stops];
        }

        if (caller.Tools is { } tools)
        {
            copy.Tools = [.. tools];
        }

        return copy;
    }

    /// <inheritdoc/>
    public override ChatOptions Clone() => new RenderedPromptChatOptions(this);

    private static AdditionalPropertiesDictionary? WithoutMark(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || (properties.Count == 1 && properties.ContainsKey(PromptConstants.CallKey)))
        {
            return null;
        }

        var copy = properties.Clone();
        copy.Remove(PromptConstants.CallKey);
        return copy;
    }
}
