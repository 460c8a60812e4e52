namespace LlmOps.Sdk.Experiments;

/// <summary>Computes an <see cref="ExperimentSummary"/> from results files, in one streaming pass.</summary>
/// <remarks>
/// Memory grows with the number of items and candidates (a few numbers per item, candidate and score), never with the
/// outputs' length: outputs are kept as 64-bit hashes, only to measure how often repeated runs agree.
/// </remarks>
public static class ExperimentSummarizer
{
    /// <summary>Summarizes one results file: every candidate, each compared with the baseline.</summary>
    /// <param name="resultsPath">The JSON Lines file the experiment run wrote.</param>
    /// <param name="options">The baseline, confidence and significance levels; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a case result; the message names the file, line and column.</exception>
    /// <exception cref="ArgumentException"><see cref="SummaryOptions.Baseline"/> names no candidate in the file.</exception>
    public static async Task<ExperimentSummary> SummarizeAsync(string resultsPath, SummaryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsPath);
        options ??= new SummaryOptions();
        var source = new SummarySource(Path.GetFullPath(resultsPath));
        var builder = new SummaryBuilder();
        await foreach (var result in CaseResultReader.ReadAsync(source.Path, cancellationToken))
        {
            builder.Add(result, label: null);
        }

        return builder.Build(options, [source], pairByName: false);
    }

    /// <summary>Summarizes two results files side by side, such as before and after a change.</summary>
    /// <remarks>
    /// Each file's candidates are named with the file's label: <c>before/v3</c>, <c>after/v3</c>. The labels are the
    /// file names without extension, or <c>before</c> and <c>after</c> when the names are the same. A candidate of the
    /// second file is compared with the candidate of the same name in the first, so the same candidate is compared
    /// across files; a candidate without a namesake is compared with <see cref="SummaryOptions.Baseline"/>, or with the
    /// first file's first candidate.
    /// </remarks>
    /// <param name="beforePath">The first results file, whose candidates are the baselines.</param>
    /// <param name="afterPath">The second results file.</param>
    /// <param name="options">The baseline, confidence and significance levels; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summary of both files.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a case result; the message names the file, line and column.</exception>
    /// <exception cref="ArgumentException"><see cref="SummaryOptions.Baseline"/> names no candidate in the files.</exception>
    public static async Task<ExperimentSummary> CompareAsync(string beforePath, string afterPath, SummaryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(beforePath);
        ArgumentException.ThrowIfNullOrEmpty(afterPath);
        options ??= new SummaryOptions();
        var beforeLabel = Path.GetFileNameWithoutExtension(beforePath);
        var afterLabel = Path.GetFileNameWithoutExtension(afterPath);
        if (string.Equals(beforeLabel, afterLabel, StringComparison.Ordinal))
        {
            (beforeLabel, afterLabel) = ("before", "after");
        }

        SummarySource[] sources = [new(Path.GetFullPath(beforePath), beforeLabel), new(Path.GetFullPath(afterPath), afterLabel)];
        var builder = new SummaryBuilder();
        foreach (var source in sources)
        {
            await foreach (var result in CaseResultReader.ReadAsync(source.Path, cancellationToken))
            {
                builder.Add(result, source.Label);
            }
        }

        return builder.Build(options, sources, pairByName: true);
    }

    internal static string LabeledName(string? label, string candidate) => label is null ? candidate : $"{label}/{candidate}";
}
