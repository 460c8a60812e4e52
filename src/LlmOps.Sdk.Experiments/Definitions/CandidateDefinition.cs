namespace LlmOps.Sdk.Experiments;

/// <summary>One candidate of an experiment: a model behind an endpoint, with the prompt it is asked through.</summary>
/// <remarks>
/// The API key is never part of a definition: <see cref="ApiKeyVariable"/> names the environment variable that holds it,
/// so a definition can be committed and shared.
/// </remarks>
public sealed record CandidateDefinition
{
    /// <summary>Gets the candidate's name, unique in the experiment, such as <c>v2-gpt-4.1-mini</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets where the candidate's answers come from.</summary>
    public CandidateKind Kind { get; init; } = CandidateKind.OpenAI;

    /// <summary>Gets the model id sent to the endpoint; for a scripted candidate, the model id it reports.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the base address of the OpenAI-compatible API, such as <c>https://api.openai.com/v1</c>; <see langword="null"/> for OpenAI's.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Gets the name of the environment variable that holds the API key.</summary>
    /// <value>The default is <c>OPENAI_API_KEY</c>.</value>
    public string ApiKeyVariable { get; init; } = ExperimentDefinitionConstants.DefaultApiKeyVariable;

    /// <summary>Gets the full path of a scripted candidate's answers file (JSON Lines of <c>{"id": …, "answer": …}</c>).</summary>
    public string? AnswersPath { get; init; }

    /// <summary>Gets the name of the prompt the items are rendered through, from the experiment's prompts directory.</summary>
    /// <value><see langword="null"/> when the items' own input is sent as the user message.</value>
    public string? Prompt { get; init; }

    /// <summary>Gets the prompt version to render; <see langword="null"/> for <see cref="PromptLabel"/> or the latest.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the label whose prompt version to render; <see langword="null"/> for <see cref="PromptVersion"/> or the latest.</summary>
    public string? PromptLabel { get; init; }

    /// <summary>Gets the sampling temperature, overriding the prompt's.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the maximum number of output tokens, overriding the prompt's.</summary>
    public int? MaxOutputTokens { get; init; }
}
