using System.Text.Json;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

/// <summary>Runs every case of the Mustache specification's core modules, in HTML-escaping mode, with the data as a JsonElement.</summary>
public sealed class MustacheSpecTests
{
    private const string EnvironmentVariable = "LLMOPS_MUSTACHE_SPEC";
    private const int ExpectedCaseCount = 136;

    private static readonly Lazy<string?> SpecFolder = new(FindSpecFolder);

    private static string SkipReason =>
        $"The Mustache spec folder was not found: {EnvironmentVariable} is '{Environment.GetEnvironmentVariable(EnvironmentVariable)}', " +
        "and the vendored copy in tests/LlmOps.Sdk.Tests/Prompts/Mustache/Spec is missing. Restore it from git, or set the variable to a folder of spec JSON files.";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        if (SpecFolder.Value is not { } folder)
        {
            data.Add("(spec folder not found)", string.Empty); // one row, so the skip shows in the results
            return data;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var spec = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var test in spec.RootElement.GetProperty("tests").EnumerateArray())
            {
                data.Add(Path.GetFileName(file), test.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Render_SpecCase_MatchesExpected(string file, string name)
    {
        Skip.If(SpecFolder.Value is null, SkipReason);
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecFolder.Value!, file)));
        var test = spec.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        var partials = new Dictionary<string, string>();
        if (test.TryGetProperty("partials", out var partialsJson))
        {
            foreach (var partial in partialsJson.EnumerateObject())
            {
                partials.Add(partial.Name, partial.Value.GetString()!);
            }
        }

        var options = new PromptTemplateRenderOptions
        {
            Escaping = PromptTemplateEscaping.Html,
            StrictVariables = false,
            Partials = DictionaryPartialTemplateResolver.Parse(partials),
        };

        var actual = PromptTemplate.Parse(test.GetProperty("template").GetString()!).Render(test.GetProperty("data"), options);

        Assert.Equal(test.GetProperty("expected").GetString(), actual);
    }

    [SkippableFact]
    public void Cases_SpecFolder_HasEveryCoreCase()
    {
        Skip.If(SpecFolder.Value is null, SkipReason);

        var count = Cases().Count;

        Assert.True(count == ExpectedCaseCount, $"Expected {ExpectedCaseCount} spec cases, found {count} in {SpecFolder.Value}.");
    }

    private static string? FindSpecFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        // The vendored copy is copied to the output folder, so it is found wherever the tests run from.
        var folder = Path.Combine(AppContext.BaseDirectory, "Prompts", "Mustache", "Spec");
        return Directory.Exists(folder) ? folder : null;
    }
}
