using nietras.SeparatedValues;

namespace LlmOps.Sdk.Experiments;

/// <summary>Anonymises a CSV stream one row at a time with Sep: the header is kept, the named columns are rewritten.</summary>
internal static class CsvAnonymizer
{
    public static DatasetAnonymizationReport Anonymize(
        TextReader input, TextWriter output, string source, DatasetAnonymizerOptions options, CancellationToken cancellationToken)
    {
        var anonymizer = new TextAnonymizer(options);
        using var reader = Sep.New(options.CsvSeparator).Reader(static o => o with
        {
            Unescape = true,
            DisableColCountCheck = true, // a short or long row is reported below with its line
        }).From(input);
        var names = reader.Header.ColNames;
        if (names.Count == 0)
        {
            throw new DatasetException(new DatasetProblem(source, 1, null,
                $"Dataset '{source}' has no header row. Start the file with the column names, such as 'id,question,answer'."));
        }

        var selected = Select(names, options.Fields, source);
        using var writer = Sep.New(options.CsvSeparator).Writer(static o => o with { Escape = true }).To(output, leaveOpen: true);
        writer.Header.Add(names.ToArray());
        writer.Header.Write();
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.ColCount != names.Count)
            {
                throw new DatasetException(new DatasetProblem(source, row.LineNumberFrom, null,
                    $"Dataset '{source}' line {row.LineNumberFrom} has {row.ColCount} fields but the header has {names.Count}. Quote fields that contain '{options.CsvSeparator}' or a line break, and give every row one field per column."));
            }

#pragma warning disable CA2016 // Sep's NewRow(CancellationToken) is for asynchronous disposal; the token is checked per row above
            using var written = writer.NewRow();
#pragma warning restore CA2016
            for (var i = 0; i < names.Count; i++)
            {
                var value = row[i].ToString();
                written[names[i]].Set(selected[i] ? anonymizer.Anonymize(value) : value);
            }

            anonymizer.EndRecord();
        }

        return anonymizer.Report();
    }

    private static bool[] Select(IReadOnlyList<string> names, IList<string> fields, string source)
    {
        var selected = new bool[names.Count];
        if (fields.Count == 0)
        {
            Array.Fill(selected, true);
            return selected;
        }

        foreach (var field in fields)
        {
            var index = -1;
            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], field, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw new DatasetException(new DatasetProblem(source, 1, field,
                    $"Dataset '{source}' has no column '{field}' (its columns: {string.Join(", ", names)}). Check the spelling against the header row, or leave '{field}' out of the fields to anonymise."));
            }

            selected[index] = true;
        }

        return selected;
    }
}
