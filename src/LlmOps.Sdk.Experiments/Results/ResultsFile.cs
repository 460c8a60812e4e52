using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads and repairs a results file before a run appends to it.</summary>
internal static class ResultsFile
{
    /// <summary>Reads the keys of the cases a results file already holds, streaming: only the keys stay in memory.</summary>
    /// <remarks>
    /// A run killed mid-write leaves a last line without its newline: that line is cut off first, so the case reruns
    /// and the file stays one result per line. A failed case is not counted as done, so a rerun retries it; readers
    /// take the last line of a key (<see cref="ExperimentResults.ReadAsync"/>).
    /// </remarks>
    /// <exception cref="InvalidDataException">A complete line is not a case result; the message names the file and line.</exception>
    public static async Task<HashSet<string>> ReadCompletedKeysAsync(string path, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return done;
        }

        TruncatePartialLastLine(path);
        await foreach (var (result, _) in ReadLinesAsync(path, cancellationToken))
        {
            if (result.Error is null)
            {
                done.Add(CaseKey.Of(result));
            }
            else
            {
                done.Remove(CaseKey.Of(result));
            }
        }

        return done;
    }

    /// <summary>Reads every result of a file with its 1-based line number, skipping blank lines.</summary>
    /// <remarks>A last line that is not JSON is skipped: a run that is still writing, or was killed, leaves one.</remarks>
    /// <exception cref="InvalidDataException">A line before the last is not a case result; the message names the file and line.</exception>
    public static async IAsyncEnumerable<(ExperimentCaseResult Result, int Line)> ReadLinesAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        var line = await reader.ReadLineAsync(cancellationToken);
        while (line is not null)
        {
            lineNumber++;

            // Read one line ahead, to know whether this one is the last.
            var next = await reader.ReadLineAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(line))
            {
                if (Parse(path, line, lineNumber, isLast: next is null) is { } result)
                {
                    yield return (result, lineNumber);
                }
            }

            line = next;
        }
    }

    private static ExperimentCaseResult? Parse(string path, string line, int lineNumber, bool isLast)
    {
        ExperimentCaseResult? result;
        try
        {
            result = JsonSerializer.Deserialize(line, ExperimentJsonContext.Default.ExperimentCaseResult);
        }
        catch (JsonException) when (isLast)
        {
            return null;
        }
        catch (JsonException error)
        {
            throw new InvalidDataException(
                $"Results file '{path}' line {lineNumber} is not a case result ({error.Message}). Results files are written by the experiment runner, one JSON object per line: fix or delete the line, or write the results to a new file.",
                error);
        }

        return result ?? throw new InvalidDataException(
            $"Results file '{path}' line {lineNumber} is 'null', not a case result. Delete the line, or write the results to a new file.");
    }

    private static void TruncatePartialLastLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length == 0)
        {
            return;
        }

        // Scan back from the end for the last newline; only a killed run leaves bytes after it.
        var buffer = new byte[4096];
        var end = stream.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            stream.Position = start;
            stream.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                var keep = start + newline + 1;
                if (keep != stream.Length)
                {
                    stream.SetLength(keep);
                }

                return;
            }

            end = start;
        }

        stream.SetLength(0); // a single line without its newline: the first case was being written when the run died
    }
}
