namespace LlmOps.Cli.Experiments;

/// <summary>What <c>llmops experiment run</c> was asked to do.</summary>
internal sealed record ExperimentRunRequest(
    string DefinitionPath,
    bool Resume,
    string? OutputDirectory,
    int? Concurrency,
    IReadOnlyList<string> FailOn,
    IReadOnlyList<string> FailOnRegression,
    bool Json);
