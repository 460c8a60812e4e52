namespace LlmOps.Sdk.Tests.Prompts.Prompty;

public sealed class PromptyCorpusTests
{
    [Fact]
    public void Load_EveryRefusedCorpusFile_NamesFileLineColumnAndAKnownReason()
    {
        var results = PromptyCorpus.LoadAll();

        var unclear = results
            .Where(static r => r.Error is { } e && (e.FilePath is null || e.Line is null or < 1 || e.Column is null or < 1 || PromptyCorpus.ReasonFor(e) is null))
            .Select(static r => $"{r.File}: {r.Error!.Message}") // the filter keeps only refused files
            .ToList();
        Assert.True(unclear.Count == 0, "Refusals without a position or a known reason:\n" + string.Join("\n", unclear));
    }

    [Fact]
    public void Readme_PromptyCorpusTable_MatchesWhatLoadsToday()
    {
        var table = PromptyCorpus.Table(PromptyCorpus.LoadAll());

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path!, "README.md")).ReplaceLineEndings("\n"); // LoadAll found the root
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "Put this table in README.md in place of the one there:\n" + table);
    }
}
