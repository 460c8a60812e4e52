namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment compare</c>: pairs two results files and gives the verdict per score.</summary>
internal static class ExperimentCompareAction
{
    public static Task<int> ExecuteAsync(
        CliHost host, string baselinePath, string candidatePath, IReadOnlyList<string> failOnRegression, bool json, CancellationToken cancellationToken) =>
        throw new CliInputException($"Comparisons are not available in this build ({baselinePath}, {candidatePath}).");
}
