using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a directory of prompt files: one folder per prompt, one file per version, and a labels file.</summary>
/// <remarks>
/// A version file is named <c>v3.yaml</c>, <c>v3.yml</c> or <c>v3.prompty</c> (the <c>v</c> is optional). A folder
/// without <c>labels.yaml</c> gets <c>production</c> pointing at its highest version. Every problem in the directory is
/// reported at once, each with its file, line and column.
/// </remarks>
internal static partial class PromptDirectoryLoader
{
    public static Dictionary<string, PromptDefinition> Load(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new PromptException(
                $"The prompts directory '{Path.GetFullPath(root)}' does not exist. Create it, or pass the right path to AddPromptsFromDirectory.")
            {
                FilePath = Path.GetFullPath(root),
            };
        }

        List<PromptException> errors = [];
        Dictionary<string, PromptDefinition> prompts = new(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(static f => !Path.GetFileName(f).StartsWith('.'))
            .GroupBy(f => PromptNameOf(root, f), StringComparer.Ordinal);
        foreach (var folder in files.OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            if (folder.Key.Length == 0)
            {
                continue; // files at the top level are not prompts (a README, say)
            }

            try
            {
                if (LoadPrompt(folder.Key, [.. folder], errors) is { } definition)
                {
                    prompts[definition.Name] = definition;
                }
            }
            catch (PromptException error)
            {
                errors.Add(error);
            }
        }

        if (errors.Count > 0)
        {
            throw Combine(root, errors);
        }

        return prompts;
    }

    private static PromptDefinition? LoadPrompt(string name, List<string> files, List<PromptException> errors)
    {
        if (!PromptName.IsValid(name))
        {
            throw new PromptException($"The folder '{Path.GetDirectoryName(files[0])}' is not a valid prompt name. Use ASCII letters, digits, '-', '_' and '.'.")
            {
                FilePath = Path.GetDirectoryName(files[0]),
                PromptName = name,
            };
        }

        Dictionary<int, PromptVersion> versions = [];
        string? labelsFile = null;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            if (LabelsFileName().IsMatch(fileName))
            {
                labelsFile = file;
                continue;
            }

            var match = VersionFileName().Match(fileName);
            if (!match.Success)
            {
                if (PromptFileExtension().IsMatch(fileName))
                {
                    errors.Add(new SourceSpan(file, 1, 1).Error(
                        $"'{fileName}' is not a version file name. Name versions v1.yaml, v2.prompty, …, and labels labels.yaml.", name));
                }

                continue;
            }

            try
            {
                var number = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                var text = File.ReadAllText(file);
                var version = match.Groups[2].Value.Equals("prompty", StringComparison.OrdinalIgnoreCase)
                    ? PromptyFormat.Parse(file, text, name, number)
                    : PromptYamlFormat.Parse(file, text, name, number);
                if (versions.TryGetValue(number, out var twin))
                {
                    errors.Add(new SourceSpan(file, 1, 1).Error(
                        $"Two files claim version {number} of prompt '{name}': '{twin.Source}' and this one. Versions are immutable: renumber this one.", name, number));
                    continue;
                }

                versions[number] = version;
                errors.AddRange(PromptValidator.Validate(version));
            }
            catch (PromptException error)
            {
                errors.Add(error);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
            {
                errors.Add(new SourceSpan(file, 1, 1).Error($"The file could not be read: {error.Message}", name, inner: error));
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        return new PromptDefinition(name, versions.Values, ReadLabels(name, labelsFile, versions, errors));
    }

    private static Dictionary<string, IReadOnlyList<PromptVersionWeight>> ReadLabels(
        string name, string? labelsFile, Dictionary<int, PromptVersion> versions, List<PromptException> errors)
    {
        Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels = new(StringComparer.Ordinal);
        if (labelsFile is null)
        {
            labels[PromptConstants.DefaultLabel] = [new PromptVersionWeight(versions.Keys.Max())];
            return labels;
        }

        try
        {
            foreach (var (label, (targets, at)) in LabelsFile.Parse(labelsFile, File.ReadAllText(labelsFile)))
            {
                var missing = targets.FirstOrDefault(t => !versions.ContainsKey(t.Version));
                if (missing.Version != 0)
                {
                    errors.Add(at.Error(
                        $"Label '{label}' points to version {missing.Version} of prompt '{name}', which has no file (versions: {string.Join(", ", versions.Keys.Order())}). Add v{missing.Version}.yaml or point the label elsewhere.",
                        name, missing.Version));
                    continue;
                }

                labels[label] = targets;
            }
        }
        catch (PromptException error)
        {
            errors.Add(error);
        }

        return labels;
    }

    private static string PromptNameOf(string root, string file)
    {
        var folder = Path.GetRelativePath(root, Path.GetDirectoryName(file) ?? root);
        return folder == "." ? string.Empty : folder.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static PromptException Combine(string root, List<PromptException> errors)
    {
        if (errors.Count == 1)
        {
            return errors[0];
        }

        var first = errors[0];
        return new PromptException(
            $"{errors.Count} problems in the prompts directory '{Path.GetFullPath(root)}':{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(static e => $"- {e.Message}")),
            new AggregateException(errors))
        {
            FilePath = first.FilePath,
            Line = first.Line,
            Column = first.Column,
            PromptName = first.PromptName,
            Version = first.Version,
        };
    }

    [GeneratedRegex(@"^[vV]?(\d{1,9})\.(ya?ml|prompty)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionFileName();

    [GeneratedRegex(@"^labels\.ya?ml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelsFileName();

    [GeneratedRegex(@"\.(ya?ml|prompty)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromptFileExtension();
}
