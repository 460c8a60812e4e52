namespace LlmOps.Sdk.Prompts;

/// <summary>The model settings a prompt version asks for; the call's own <see cref="ChatOptions"/> win over each of them.</summary>
public sealed record PromptModelSettings
{
    /// <summary>Gets the model id, such as <c>gpt-4o-mini</c>.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling probability mass.</summary>
    public float? TopP { get; init; }

    /// <summary>Gets how many of the most likely tokens sampling picks from.</summary>
    public int? TopK { get; init; }

    /// <summary>Gets the penalty for tokens by how often they already appear.</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>Gets the penalty for tokens that already appear at all.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>Gets the seed that makes sampling repeatable, where the provider supports it.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets whether the model may call several tools in one response.</summary>
    public bool? AllowMultipleToolCalls { get; init; }

    /// <summary>Gets the tools the model is offered, such as function declarations your app invokes.</summary>
    /// <remarks>A tool of the call's own with the same name is offered instead of the prompt's.</remarks>
    public IReadOnlyList<AITool>? Tools { get; init; }

    /// <summary>Gets the maximum number of tokens the response may have.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the sequences that stop generation.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Gets the response format: text, JSON, or JSON that follows a schema.</summary>
    public ChatResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets provider-specific settings passed through <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Extras { get; init; }
}
