using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment compare</c>: pairs two results files and gives the verdict per score.</summary>
internal static class ExperimentCompareAction
{
    public static async Task<int> ExecuteAsync(
        CliHost host, string baselinePath, string candidatePath, IReadOnlyList<string> failOnRegression, bool json, CancellationToken cancellationToken)
    {
        var summary = await ExperimentSummarizer.CompareAsync(baselinePath, candidatePath, cancellationToken: cancellationToken);
        await SummaryOutput.WriteAsync(host, summary, json, cancellationToken);
        return await Gates.ApplyAsync(host, summary, [], failOnRegression);
    }
}
