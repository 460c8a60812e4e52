using System.Text;

namespace LlmOps.Sdk.Experiments;

/// <summary>
/// Anonymises dataset files (JSON Lines and CSV) with the same detectors as the privacy stage, for experiments and
/// exported traffic.
/// </summary>
/// <remarks>
/// <para>
/// A file is read and written one record at a time, so its size does not matter: only one record, and with
/// <see cref="DatasetAnonymizerOptions.Consistent"/> the map of values to placeholders, is in memory. Records without
/// anything to replace are copied as they were. Every string of a record is scanned, or only the fields named in
/// <see cref="DatasetAnonymizerOptions.Fields"/>.
/// </para>
/// <para>
/// Bad input stops with a <see cref="DatasetException"/> that names the file, line and field and says how to fix it; a
/// file written with <see cref="AnonymizeFile"/> is then not left half-written. Thread-safe: each call has its own
/// state.
/// </para>
/// </remarks>
public sealed class DatasetAnonymizer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly DatasetAnonymizerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="DatasetAnonymizer"/> class.</summary>
    /// <param name="options">What to anonymise and how; the defaults pseudonymise every string with the built-in detectors.</param>
    /// <exception cref="ArgumentException"><see cref="DatasetAnonymizerOptions.Mode"/> is <c>Block</c>.</exception>
    public DatasetAnonymizer(DatasetAnonymizerOptions? options = null)
    {
        _options = options ?? new();
        _ = new TextAnonymizer(_options); // fail here, not on the first file
    }

    /// <summary>Anonymises a JSON Lines stream into <paramref name="output"/>, one line at a time.</summary>
    /// <param name="input">UTF-8 JSON Lines: one JSON object per line; blank lines are copied.</param>
    /// <param name="output">Where the anonymised lines go, UTF-8, each ended with <c>\n</c>; left open.</param>
    /// <param name="sourceName">The name that errors give for the input, such as its file name.</param>
    /// <param name="cancellationToken">Stops between records.</param>
    /// <returns>The counts of what was replaced.</returns>
    /// <exception cref="DatasetException">A line is not a JSON object, or a record lacks a named field.</exception>
    public DatasetAnonymizationReport AnonymizeJsonl(Stream input, Stream output, string sourceName = "input", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var reader = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var writer = new StreamWriter(output, Utf8, leaveOpen: true);
        return JsonlAnonymizer.Anonymize(reader, writer, sourceName, _options, cancellationToken);
    }

    /// <summary>Anonymises a CSV stream with a header row into <paramref name="output"/>, one row at a time.</summary>
    /// <param name="input">UTF-8 CSV whose first row names the columns; quoted fields may hold separators and line breaks.</param>
    /// <param name="output">Where the anonymised rows go, UTF-8, with the same header; left open.</param>
    /// <param name="sourceName">The name that errors give for the input, such as its file name.</param>
    /// <param name="cancellationToken">Stops between records.</param>
    /// <returns>The counts of what was replaced.</returns>
    /// <exception cref="DatasetException">The header lacks a named column, or a row has another number of fields.</exception>
    public DatasetAnonymizationReport AnonymizeCsv(Stream input, Stream output, string sourceName = "input", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var reader = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var writer = new StreamWriter(output, Utf8, leaveOpen: true);
        return CsvAnonymizer.Anonymize(reader, writer, sourceName, _options, cancellationToken);
    }

    /// <summary>Anonymises a <c>.jsonl</c>/<c>.ndjson</c> or <c>.csv</c>/<c>.tsv</c> file into <paramref name="outputPath"/>.</summary>
    /// <param name="inputPath">The dataset; its extension tells the format.</param>
    /// <param name="outputPath">The file to write; replaced only when the whole input was anonymised.</param>
    /// <param name="cancellationToken">Stops between records.</param>
    /// <returns>The counts of what was replaced.</returns>
    /// <exception cref="DatasetException">The extension is unknown, or the input is malformed.</exception>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    public DatasetAnonymizationReport AnonymizeFile(string inputPath, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var extension = Path.GetExtension(inputPath).ToLowerInvariant();
        var csv = extension is ".csv" or ".tsv";
        if (!csv && extension is not (".jsonl" or ".ndjson"))
        {
            throw new DatasetException(new DatasetProblem(inputPath, null, null,
                $"Dataset '{inputPath}' has the extension '{extension}', which is neither JSON Lines nor CSV. Name it .jsonl (one JSON object per line) or .csv (a header row, then one row per record)."));
        }

        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
        {
            throw new DatasetException(new DatasetProblem(inputPath, null, null,
                $"Dataset '{inputPath}' would be overwritten while it is read. Write the anonymised copy to another file."));
        }

        var options = extension == ".tsv" && _options.CsvSeparator == ',' ? WithSeparator('\t') : this;

        // Written beside the target and moved into place at the end, so a failure leaves no half-anonymised file behind.
        var temporary = outputPath + ".partial";
        try
        {
            DatasetAnonymizationReport report;
            using (var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var name = inputPath;
                report = csv
                    ? options.AnonymizeCsv(input, output, name, cancellationToken)
                    : options.AnonymizeJsonl(input, output, name, cancellationToken);
            }

            File.Move(temporary, outputPath, overwrite: true);
            return report;
        }
        finally
        {
            File.Delete(temporary); // gone already after the move; removes the partial copy after a failure
        }
    }

    private DatasetAnonymizer WithSeparator(char separator)
    {
        var options = new DatasetAnonymizerOptions
        {
            Mode = _options.Mode,
            Consistent = _options.Consistent,
            UseBuiltInDetectors = _options.UseBuiltInDetectors,
            CsvSeparator = separator,
        };
        foreach (var field in _options.Fields)
        {
            options.Fields.Add(field);
        }

        foreach (var detector in _options.Detectors)
        {
            options.Detectors.Add(detector);
        }

        foreach (var allowed in _options.AllowList)
        {
            options.AllowList.Add(allowed);
        }

        return new DatasetAnonymizer(options);
    }
}
