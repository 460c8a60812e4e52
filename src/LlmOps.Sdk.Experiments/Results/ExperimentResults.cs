namespace LlmOps.Sdk.Experiments;

/// <summary>Reads a results file written by <see cref="ExperimentRunner"/>.</summary>
public static class ExperimentResults
{
    /// <summary>Reads the results of a file, one per case: where a case was run more than once (a failure retried by a rerun), its last result.</summary>
    /// <remarks>
    /// Streams the file twice; only the cases' keys are held in memory between the passes. A last line cut off by a
    /// killed run is skipped. Results come in file order.
    /// </remarks>
    /// <param name="path">The results file.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The results, in file order.</returns>
    /// <exception cref="InvalidDataException">A line before the last is not a case result; the message names the file and line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IAsyncEnumerable<ExperimentCaseResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        // Checked here, when called, not at the first MoveNextAsync.
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ReadLastPerCaseAsync(path, cancellationToken);
    }

    private static async IAsyncEnumerable<ExperimentCaseResult> ReadLastPerCaseAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (result, line) in ResultsFile.ReadLinesAsync(path, cancellationToken))
        {
            lastLine[CaseKey.Of(result)] = line;
        }

        await foreach (var (result, line) in ResultsFile.ReadLinesAsync(path, cancellationToken))
        {
            if (lastLine.TryGetValue(CaseKey.Of(result), out var last) && last == line)
            {
                yield return result;
            }
        }
    }
}
