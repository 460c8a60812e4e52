using System.Text;

namespace LlmOps.Sdk.Prompts;

/// <summary>Writes every prompt of a store as a prompts directory that a push reads back: one folder per prompt, <c>v{n}.yaml</c> per version, and <c>labels.yaml</c>.</summary>
/// <remarks>
/// Every file is written in memory and read back first, so a version the YAML format cannot hold stops the export before
/// anything is written. The same store gives the same bytes: <c>\n</c> line endings, UTF-8 without a byte order mark.
/// </remarks>
internal static class PromptExport
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads every prompt of the store and returns the files of its directory: paths relative to it, with <c>/</c>, and their text.</summary>
    /// <exception cref="NotSupportedException">A version or label cannot be written in the YAML format; the message names it.</exception>
    public static async Task<IReadOnlyList<(string Path, string Text)>> PlanAsync(IPromptAdmin admin, IPromptStore store, CancellationToken cancellationToken = default)
    {
        List<string> names = [];
        await foreach (var name in admin.ListPromptsAsync(cancellationToken))
        {
            names.Add(name);
        }

        List<(string, string)> files = [];
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (await store.GetPromptAsync(name, cancellationToken) is not { } prompt)
            {
                continue; // removed while listing
            }

            foreach (var version in prompt.Versions.Values.OrderBy(static v => v.Version))
            {
                files.Add(($"{name}/v{version.Version}.yaml", PromptYamlWriter.Write(version)));
            }

            files.Add(($"{name}/labels.yaml", PromptYamlWriter.WriteLabels(name, prompt.Labels)));
        }

        return files;
    }

    /// <summary>Finds the files under <paramref name="directory"/> that a push would read as versions or labels of an exported prompt, but that the plan does not write.</summary>
    /// <remarks>
    /// Left in place, such a file (a <c>v5.yaml</c> of a version the store does not have, a <c>labels.yml</c> beside the
    /// written <c>labels.yaml</c>) would make the folder say something other than the store. Other files, and the folders
    /// of prompts the store does not have, are not the export's business.
    /// </remarks>
    /// <returns>Their paths relative to <paramref name="directory"/>, with <c>/</c>, in ordinal order.</returns>
    public static IReadOnlyList<string> FindStale(string directory, IReadOnlyList<(string Path, string Text)> files)
    {
        HashSet<string> planned = new(files.Select(static f => f.Path), StringComparer.Ordinal);
        List<string> stale = [];
        foreach (var folder in files.Select(static f => f.Path[..f.Path.LastIndexOf('/')]).Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(directory, folder.Replace('/', Path.DirectorySeparatorChar));
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(full))
            {
                var name = Path.GetFileName(file);
                var relative = $"{folder}/{name}";
                if (!name.StartsWith('.') && PromptDirectoryLoader.IsVersionOrLabelsFile(name) && !planned.Contains(relative))
                {
                    stale.Add(relative);
                }
            }
        }

        stale.Sort(StringComparer.Ordinal);
        return stale;
    }

    /// <summary>Deletes files found by <see cref="FindStale"/>.</summary>
    public static void Remove(string directory, IReadOnlyList<string> stale)
    {
        foreach (var path in stale)
        {
            File.Delete(Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar)));
        }
    }

    /// <summary>Writes the files of a plan under <paramref name="directory"/>, replacing files of the same name.</summary>
    public static async Task WriteAsync(string directory, IReadOnlyList<(string Path, string Text)> files, CancellationToken cancellationToken = default)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!); // a file path under the directory has a folder
            await File.WriteAllTextAsync(full, text, Utf8, cancellationToken);
        }
    }
}
