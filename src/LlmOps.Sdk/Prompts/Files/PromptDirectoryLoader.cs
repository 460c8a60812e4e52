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
    /// <summary>Reads the directory, and throws one exception naming every problem in it.</summary>
    public static Dictionary<string, PromptDefinition> Load(string root, Func<string, string?>? environment = null)
    {
        var scan = Scan(root, environment);
        List<PromptException> errors = [.. scan.Prompts.Values.SelectMany(static p => p.Errors)];
        if (errors.Count > 0)
        {
            throw Combine(root, errors);
        }

        Dictionary<string, PromptDefinition> prompts = new(StringComparer.Ordinal);
        foreach (var (name, folder) in scan.Prompts)
        {
            if (folder.Definition is { } definition)
            {
                prompts[name] = definition;
            }
        }

        return prompts;
    }

    /// <summary>Reads the directory, each prompt folder on its own: one broken prompt does not hide the others.</summary>
    /// <exception cref="PromptException">The directory does not exist.</exception>
    public static PromptDirectoryScan Scan(string root, Func<string, string?>? environment = null)
    {
        if (!Directory.Exists(root))
        {
            throw new PromptException(
                $"The prompts directory '{Path.GetFullPath(root)}' does not exist. Create it, or pass the right path to AddPromptsFromDirectory.")
            {
                FilePath = Path.GetFullPath(root),
            };
        }

        var scan = new PromptDirectoryScan();
        var context = new PromptyContext(Path.GetFullPath(root), environment ?? Environment.GetEnvironmentVariable);
        List<IGrouping<string, string>> folders;
        try
        {
            folders = [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(static f => !Path.GetFileName(f).StartsWith('.'))
                .GroupBy(f => PromptNameOf(root, f), StringComparer.Ordinal)
                .OrderBy(static g => g.Key, StringComparer.Ordinal)];
        }
        catch (DirectoryNotFoundException)
        {
            // A folder was removed while being listed (a git checkout under way): nothing read is trustworthy.
            scan.FilesVanished = true;
            return scan;
        }

        var referenced = ReferencedFiles(folders);
        foreach (var folder in folders)
        {
            if (folder.Key.Length == 0)
            {
                continue; // files at the top level are not prompts (a README, say)
            }

            List<PromptException> errors = [];
            PromptDefinition? definition = null;
            try
            {
                definition = LoadPrompt(folder.Key, [.. folder], errors, scan, context, referenced);
            }
            catch (PromptException error)
            {
                errors.Add(error);
            }

            scan.Prompts[folder.Key] = new PromptFolderScan(errors.Count == 0 ? definition : null, errors);
        }

        return scan;
    }

    private static PromptDefinition? LoadPrompt(
        string name, List<string> files, List<PromptException> errors, PromptDirectoryScan scan, PromptyContext context, HashSet<string> referenced)
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
        HashSet<int> unreadable = [];
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
                if (PromptFileExtension().IsMatch(fileName) && !referenced.Contains(Path.GetFullPath(file)))
                {
                    errors.Add(new SourceSpan(file, 1, 1).Error(
                        $"'{fileName}' is not a version file name. Name versions v1.yaml, v2.prompty, …, and labels labels.yaml.", name));
                }

                continue;
            }

            var number = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            if (ReadVersion(file, name, number, match.Groups[2].Value, errors, scan, context) is not { } version)
            {
                // Its own error is reported; a label on it must not add a second one saying the file is missing.
                unreadable.Add(number);
                continue;
            }

            if (versions.TryGetValue(number, out var twin))
            {
                errors.Add(new SourceSpan(file, 1, 1).Error(
                    $"Two files claim version {number} of prompt '{name}': '{twin.Source}' and this one. Versions are immutable: renumber this one.", name, number));
                continue;
            }

            versions[number] = version;
            errors.AddRange(PromptValidator.Validate(version));
        }

        if (versions.Count == 0)
        {
            return null;
        }

        var labels = ReadLabels(name, labelsFile, versions, unreadable, errors, scan);
        return errors.Count > 0 ? null : new PromptDefinition(name, versions.Values, labels);
    }

    private static PromptVersion? ReadVersion(
        string file, string name, int number, string extension, List<PromptException> errors, PromptDirectoryScan scan, PromptyContext context)
    {
        try
        {
            var text = File.ReadAllText(file);
            return extension.Equals("prompty", StringComparison.OrdinalIgnoreCase)
                ? PromptyFormat.Parse(file, text, name, number, context)
                : PromptYamlFormat.Parse(file, text, name, number);
        }
        catch (PromptException error)
        {
            errors.Add(error);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            scan.FilesVanished = true;
            errors.Add(new SourceSpan(file, 1, 1).Error($"The file was removed while the directory was being read: {error.Message}", name, number, error));
        }
#pragma warning disable CA1031 // one file that fails in an unforeseen way must not stop every other prompt from loading
        catch (Exception error)
#pragma warning restore CA1031
        {
            errors.Add(new SourceSpan(file, 1, 1).Error($"The file could not be read: {error.Message}", name, number, error));
        }

        return null;
    }

    private static Dictionary<string, IReadOnlyList<PromptVersionWeight>> ReadLabels(
        string name,
        string? labelsFile,
        Dictionary<int, PromptVersion> versions,
        HashSet<int> unreadable,
        List<PromptException> errors,
        PromptDirectoryScan scan)
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
                    if (!unreadable.Contains(missing.Version))
                    {
                        errors.Add(at.Error(
                            $"Label '{label}' points to version {missing.Version} of prompt '{name}', which has no file (versions: {string.Join(", ", versions.Keys.Order())}). Add v{missing.Version}.yaml or point the label elsewhere.",
                            name, missing.Version));
                    }

                    continue;
                }

                labels[label] = targets;
            }
        }
        catch (PromptException error)
        {
            errors.Add(error);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            // git replaces a file by deleting and creating it: the labels file can vanish between listing and reading.
            scan.FilesVanished = true;
            errors.Add(new SourceSpan(labelsFile, 1, 1).Error($"The labels file was removed while the directory was being read: {error.Message}", name, inner: error));
        }
#pragma warning disable CA1031 // an unreadable labels file is this prompt's problem, reported with its path, not every prompt's
        catch (Exception error)
#pragma warning restore CA1031
        {
            errors.Add(new SourceSpan(labelsFile, 1, 1).Error($"The labels file could not be read: {error.Message}", name, inner: error));
        }

        return labels;
    }

    // A YAML file that a .prompty file reads through ${file:…} is data, not a misnamed version.
    private static HashSet<string> ReferencedFiles(List<IGrouping<string, string>> folders)
    {
        HashSet<string> referenced = new(StringComparer.Ordinal);
        foreach (var file in folders.SelectMany(static f => f))
        {
            if (!file.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException)
            {
                continue; // reading it as a version reports the problem
            }

            foreach (Match reference in FileReference().Matches(text))
            {
                referenced.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file) ?? string.Empty, reference.Groups[1].Value.Trim())));
            }
        }

        return referenced;
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

    /// <summary>Tells whether a push would read <paramref name="fileName"/> as a version or a labels file of its prompt.</summary>
    public static bool IsVersionOrLabelsFile(string fileName) => VersionFileName().IsMatch(fileName) || LabelsFileName().IsMatch(fileName);

    [GeneratedRegex(@"^[vV]?(\d{1,9})\.(ya?ml|prompty)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionFileName();

    [GeneratedRegex(@"\$\{file:([^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex FileReference();

    [GeneratedRegex(@"^labels\.ya?ml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelsFileName();

    [GeneratedRegex(@"\.(ya?ml|prompty)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromptFileExtension();
}
