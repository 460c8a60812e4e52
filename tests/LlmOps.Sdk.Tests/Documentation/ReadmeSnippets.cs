using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Tests.Documentation;

/// <summary>Finds the C# blocks of the repository's READMEs, each with the file and line it starts at.</summary>
internal static partial class ReadmeSnippets
{
    /// <summary>The READMEs users read: the repository's (the core package's page) and each package's own.</summary>
    public static IEnumerable<string> Files(string root) =>
        new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    public static IEnumerable<ReadmeSnippet> Read(string root)
    {
        foreach (var file in Files(root))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                yield return new ReadmeSnippet(Path.GetRelativePath(root, file), start + 1, string.Join('\n', lines[start..end]));
                i = end;
            }
        }
    }

    /// <summary>Finds the names a snippet declares itself (<c>var x =</c>, <c>Type x =</c>), which the context must not declare again.</summary>
    public static bool Declares(string code, string name) => DeclarationOf(name).IsMatch(code);

    /// <summary>Finds whether a snippet mentions a name at all.</summary>
    public static bool Uses(string code, string name) => Regex.IsMatch(code, $@"\b{Regex.Escape(name)}\b");

    private static Regex DeclarationOf(string name) =>
        new($@"(^|[\s(])(var|[A-Z][\w<>,\[\]? ]*)\s+{Regex.Escape(name)}\s*=[^=>]", RegexOptions.Multiline);
}
