using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Prompty;

/// <summary>Loads every file of the vendored Prompty corpus as a prompt of its own, and says why each refused one is refused.</summary>
internal static partial class PromptyCorpus
{
    public const string TableStart = "<!-- prompty-corpus:start -->";
    public const string TableEnd = "<!-- prompty-corpus:end -->";

    // Why a file is refused, found from the start of the refusal's message; a message none of them matches fails the test.
    private static readonly (Regex Message, string Reason)[] Reasons =
    [
        (new(@"is a Jinja2 statement"), "Jinja2 statements (`{% for %}`, `{% if %}`): Mustache sections instead"),
        (new(@"is a Jinja2 (filter|expression)"), "Jinja2 filters or expressions (`{{ x | upper }}`): compute the value in code"),
        (new(@"is a Jinja2 comment"), "Jinja2 comments (`{# #}`): `{{! }}` instead"),
        (new(@"is for the '(embedding|image)' API"), "an embedding or image model (`apiType: embedding`/`image`): not a chat prompt"),
        (new(@"has kind 'thread'"), "a `kind: thread` input: the call's own messages carry the conversation"),
        (new(@"has kind '(image|file|audio)'"), "an image, file or audio input: send it in the call's messages"),
        (new(@"Tool '.*' is of kind"), "an MCP, OpenAPI or custom tool: add it to `ChatOptions.Tools` in code"),
        (new(@"Tool '.*' binds parameters"), "tool `bindings`: the app runs the tool and fills those values"),
        (new(@"template parser is"), "a parser other than `prompty`"),
        (new(@"template format is '.*', which"), "a template engine other than Mustache or Jinja2"),
        (new(@"which the prompt does not declare"), "a template variable that `inputs` does not declare"),
        (new(@"which no template uses"), "an input that no template uses"),
        (new(@"environment variable '.*', which is not set"), "an unset `${env:…}` with no default, outside the connection"),
        (new(@"Unclosed|never closed|is not closed|unclosed"), "a Mustache syntax error"),
        (new(@"The body has no messages"), "no body (no messages)"),
        (new(@"is not a file reference"), "`file:name.json` written without `${…}`"),
    ];

    public static string Root => Path.Combine(
        RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone: LlmOps.Sdk.sln was not found."),
        "tests", "LlmOps.Sdk.Tests", "Prompts", "Prompty", "Corpus");

    /// <summary>Loads each corpus file from a prompts directory of its own, with its neighbours (the files it references).</summary>
    public static List<CorpusResult> LoadAll()
    {
        List<CorpusResult> results = [];
        foreach (var file in Directory.EnumerateFiles(Root, "*.prompty", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            using var directory = new PromptDirectory();
            var copy = Path.Combine(directory.Root, "corpus", "v1.prompty");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!); // a path under the root has a directory
            File.Copy(file, copy);
            foreach (var neighbour in Directory.EnumerateFiles(Path.GetDirectoryName(file)!, "*.json")) // a corpus file has a directory
            {
                File.Copy(neighbour, Path.Combine(directory.Root, "corpus", Path.GetFileName(neighbour)));
            }

            try
            {
                // Nothing is set: a file that needs a variable for what LlmOps.Sdk reads says so.
                PromptDirectoryLoader.Load(directory.Root, static _ => null);
                results.Add(new CorpusResult(relative, null));
            }
            catch (PromptException error)
            {
                results.Add(new CorpusResult(relative, error));
            }
        }

        return results;
    }

    public static string? ReasonFor(PromptException error)
    {
        foreach (var (message, reason) in Reasons)
        {
            if (message.IsMatch(error.Message))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>Writes the README's table: how many files of each Prompty version load, and why the rest do not.</summary>
    public static string Table(List<CorpusResult> results)
    {
        var v1 = results.Where(static r => r.File.StartsWith("v1/", StringComparison.Ordinal)).ToList();
        var v2 = results.Where(static r => r.File.StartsWith("v2/", StringComparison.Ordinal)).ToList();
        var text = new StringBuilder();
        text.Append(TableStart).Append('\n');
        text.Append("| | v1 (legacy) | v2 (current) |\n|---|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| files in the corpus | {v1.Count} | {v2.Count} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| **load** | **{v1.Count(static r => r.Error is null)}** | **{v2.Count(static r => r.Error is null)}** |\n");
        foreach (var (_, reason) in Reasons)
        {
            var (a, b) = (v1.Count(r => r.Error is { } e && ReasonFor(e) == reason), v2.Count(r => r.Error is { } e && ReasonFor(e) == reason));
            if (a + b > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"| refused: {reason} | {a} | {b} |\n");
            }
        }

        text.Append(TableEnd);
        return text.ToString();
    }
}
