using nietras.SeparatedValues;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads a CSV dataset with Sep, collecting every bad row before it throws.</summary>
internal static class CsvDatasetReader
{
    public static List<DatasetItem> Read(string path, CsvDatasetOptions options)
    {
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(options.Separator),
            Unescape = true,
            DisableColCountCheck = true, // a short row is reported below with its line and the columns it lacks
        }).FromFile(path);
        var names = reader.Header.ColNames;
        List<DatasetProblem> problems = [];
        if (names.Count == 0)
        {
            throw new DatasetException(new DatasetProblem(path, 1, null,
                $"Dataset '{path}' has no header row. Start the file with the column names, such as 'id,question,expected'."));
        }

        foreach (var required in options.RequiredColumns)
        {
            if (!names.Contains(required, StringComparer.Ordinal))
            {
                problems.Add(new DatasetProblem(path, 1, required,
                    $"Dataset '{path}' has no column '{required}' (its columns: {string.Join(", ", names)}). Add the column to the header row, or fix its spelling."));
            }
        }

        var roles = Classify(names, options);
        List<DatasetItem> items = [];
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != names.Count)
            {
                var missing = row.ColCount < names.Count ? names.Skip(row.ColCount).ToList() : [];
                var message = missing.Count > 0
                    ? $"Dataset '{path}' line {line} has {row.ColCount} fields but the header has {names.Count}: column{(missing.Count > 1 ? "s" : string.Empty)} '{string.Join("', '", missing)}' {(missing.Count > 1 ? "are" : "is")} missing. Add the missing fields (an empty field is two separators in a row), and quote fields that contain '{options.Separator}'."
                    : $"Dataset '{path}' line {line} has {row.ColCount} fields but the header has {names.Count}. Quote fields that contain '{options.Separator}', or add the extra columns to the header.";
                problems.Add(new DatasetProblem(path, line, missing.Count > 0 ? missing[0] : null, message));
                continue;
            }

            string? id = null;
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            List<string> expected = [];
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                var value = row[i].ToString();
                switch (roles[i].Role)
                {
                    case ColumnRole.Id:
                        id = string.IsNullOrWhiteSpace(value) ? null : value;
                        break;
                    case ColumnRole.Expected:
                        if (value.Length > 0)
                        {
                            expected.Add(value);
                        }

                        break;
                    case ColumnRole.Metadata:
                        metadata[roles[i].Name] = value;
                        break;
                    default:
                        variables[roles[i].Name] = value;
                        break;
                }
            }

            items.Add(new DatasetItem(variables, expected, metadata, id)
            {
                Location = $"{Path.GetFileName(path)} line {line}",
                SourcePath = path,
                SourceLine = line,
            });
        }

        if (problems.Count > 0)
        {
            throw new DatasetException(problems);
        }

        return items;
    }

    private static (ColumnRole Role, string Name)[] Classify(IReadOnlyList<string> names, CsvDatasetOptions options)
    {
        var roles = new (ColumnRole, string)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            roles[i] = name == options.IdColumn ? (ColumnRole.Id, name)
                : name == options.ExpectedColumn || name.StartsWith(options.ExpectedColumn + ".", StringComparison.Ordinal) ? (ColumnRole.Expected, name)
                : options.MetadataPrefix.Length > 0 && name.StartsWith(options.MetadataPrefix, StringComparison.Ordinal) ? (ColumnRole.Metadata, name[options.MetadataPrefix.Length..])
                : (ColumnRole.Variable, name);
        }

        return roles;
    }

    private enum ColumnRole
    {
        Variable,
        Id,
        Expected,
        Metadata,
    }
}
