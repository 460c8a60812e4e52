using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads a results file line by line, so a large file never sits in memory whole.</summary>
internal static class CaseResultReader
{
    public static async IAsyncEnumerable<ExperimentCaseResult> ReadAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The results file '{path}' does not exist. Pass the path of a .jsonl file an experiment run wrote.", path);
        }

        using var reader = new StreamReader(path, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.ReadWrite, Options = FileOptions.SequentialScan, BufferSize = 1 << 16 });
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ExperimentCaseResult? result;
            try
            {
                result = JsonSerializer.Deserialize(line, ExperimentJsonContext.Default.ExperimentCaseResult);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException(
                    $"{path}({lineNumber},{(exception.BytePositionInLine ?? 0) + 1}): this line is not a case result: {exception.Message} " +
                    "Each line must be one JSON object with experiment_id, candidate, item_id, dataset_hash, prompt_hash and settings_hash.", exception);
            }

            yield return result ?? throw new InvalidDataException($"{path}({lineNumber},1): the line is 'null', not a case result.");
        }
    }
}
