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

    /// <summary>Gets the maximum number of tokens the response may have.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the sequences that stop generation.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Gets the response format: text, JSON, or JSON that follows a schema.</summary>
    public ChatResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets provider-specific settings passed through <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Extras { get; init; }
}
