using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Experiments;

/// <summary>One contender of an experiment: a prompt, a chat client (and model), and sampling settings.</summary>
/// <remarks>
/// <para>
/// The prompt is either named (<see cref="PromptName"/> with a <see cref="Label"/> or <see cref="Version"/>, resolved
/// through the prompt registry once when the run starts, then pinned for the whole run) or given in code
/// (<see cref="Template"/>). The client is the keyed <see cref="IChatClient"/> registered under <see cref="ClientKey"/>,
/// the <see cref="Client"/> given here, or else the default <see cref="IChatClient"/> from the service provider; with
/// <c>AddLlmOps</c> it is the full pipeline, so every case is traced, retried and priced like production calls.
/// </para>
/// <para>Build one with <see cref="ForPrompt"/> or <see cref="ForTemplate"/>, then set the client, model and settings with <c>with</c>.</para>
/// </remarks>
public sealed record ExperimentCandidate
{
    /// <summary>Gets the candidate's name, unique in its experiment, such as <c>v3-gpt-4.1-mini</c>; results and reports use it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of a prompt in the registry, or <see langword="null"/> when <see cref="Template"/> is given.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the label of <see cref="PromptName"/> to run, such as <c>staging</c>; the registry's default label when neither it nor <see cref="Version"/> is set.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the exact version of <see cref="PromptName"/> to run; wins over <see cref="Label"/>.</summary>
    public int? Version { get; init; }

    /// <summary>Gets a prompt given in code, used instead of the registry.</summary>
    public PromptVersion? Template { get; init; }

    /// <summary>Gets the service key of a keyed <see cref="IChatClient"/> to call, or <see langword="null"/>.</summary>
    public object? ClientKey { get; init; }

    /// <summary>Gets a client to call instead of one from the service provider, or <see langword="null"/>.</summary>
    public IChatClient? Client { get; init; }

    /// <summary>Gets the model to request, when the client serves several; the prompt's model, or the client's default, when <see langword="null"/>.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the sampling settings sent with every call.</summary>
    public CandidateSettings Settings { get; init; } = new();

    /// <summary>Creates a candidate that runs a prompt from the registry.</summary>
    /// <param name="name">The candidate's name.</param>
    /// <param name="promptName">The prompt's name in the registry.</param>
    /// <param name="label">The label to run; the registry's default label when it and <paramref name="version"/> are <see langword="null"/>.</param>
    /// <param name="version">The exact version to run; wins over <paramref name="label"/>.</param>
    /// <returns>The candidate, calling the default client.</returns>
    public static ExperimentCandidate ForPrompt(string name, string promptName, string? label = null, int? version = null) =>
        new() { Name = name, PromptName = promptName, Label = label, Version = version };

    /// <summary>Creates a candidate that runs a prompt given in code.</summary>
    /// <param name="name">The candidate's name.</param>
    /// <param name="template">The prompt, such as <c>new PromptVersion("qa", 1, "Answer briefly: {{question}}")</c>.</param>
    /// <returns>The candidate, calling the default client.</returns>
    public static ExperimentCandidate ForTemplate(string name, PromptVersion template) =>
        new() { Name = name, Template = template };
}
