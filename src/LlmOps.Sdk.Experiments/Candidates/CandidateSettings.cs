namespace LlmOps.Sdk.Experiments;

/// <summary>The sampling settings a candidate sends with every call; each one set here wins over the prompt's own.</summary>
/// <remarks>Part of a case's identity: a changed setting gives a new <see cref="ExperimentCaseResult.SettingsHash"/>, so its cases run again.</remarks>
public sealed record CandidateSettings
{
    /// <summary>Gets the sampling temperature, or <see langword="null"/> to keep the prompt's or the provider's.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling probability mass, or <see langword="null"/> to keep the prompt's or the provider's.</summary>
    public float? TopP { get; init; }

    /// <summary>Gets the maximum number of tokens a response may have, or <see langword="null"/> to keep the prompt's or the provider's.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the seed, for providers that support reproducible sampling.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the frequency penalty, or <see langword="null"/> to keep the provider's.</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>Gets the presence penalty, or <see langword="null"/> to keep the provider's.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>Gets the sequences that stop generation, or <see langword="null"/> to keep the prompt's.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }
}
