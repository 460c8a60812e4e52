using System.Text.Json;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments;

public sealed class DatasetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadJsonl_ValidLines_ReadsIdsVariablesReferencesAndMetadata()
    {
        var path = _folder.Write("qa.jsonl", """
            {"id": "q1", "variables": {"question": "2+2?", "tags": ["math"]}, "expected": "4", "metadata": {"topic": "math"}}

            {"variables": {"question": "Capital of France?"}, "expected": ["Paris", "paris"]}
            """);

        var dataset = Dataset.Load(path);

        Assert.Equal("qa", dataset.Name);
        Assert.Equal(2, dataset.Items.Count);
        var first = dataset.Items[0];
        Assert.Equal("q1", first.Id);
        Assert.Equal("2+2?", ((JsonElement)first.Variables["question"]!).GetString());
        Assert.Equal(["4"], first.ReferenceAnswers);
        Assert.Equal("math", first.Metadata["topic"]);
        Assert.Equal(["Paris", "paris"], dataset.Items[1].ReferenceAnswers);
        Assert.Equal("qa.jsonl line 3", dataset.Items[1].Location);
    }

    [Fact]
    public void LoadJsonl_LineNotJson_ThrowsNamingFileAndLine()
    {
        var path = _folder.Write("bad.jsonl", """
            {"id": "q1", "variables": {"question": "a"}}
            {"id": "q2", "variables": {"question": "b"
            """);

        var error = Assert.Throws<DatasetException>(() => Dataset.LoadJsonl(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((path, 2), (problem.Path, problem.Line));
        Assert.Contains($"'{path}' line 2 is not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJsonl_DuplicateId_ThrowsNamingBothLines()
    {
        var path = _folder.Write("dup.jsonl", """
            {"id": "q1", "variables": {"question": "a"}}
            {"id": "q2", "variables": {"question": "b"}}
            {"id": "q1", "variables": {"question": "c"}}
            """);

        var error = Assert.Throws<DatasetException>(() => Dataset.LoadJsonl(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((3, "id"), (problem.Line, problem.Field));
        Assert.Contains("dup.jsonl line 3 has id 'q1', which dup.jsonl line 1 already has", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJsonl_SameContentWithoutIds_ThrowsSayingHowToRepeat()
    {
        var path = _folder.Write("same.jsonl", """
            {"variables": {"question": "a"}}
            {"variables": {"question": "a"}}
            """);

        var error = Assert.Throws<DatasetException>(() => Dataset.LoadJsonl(path));

        Assert.Contains("same.jsonl line 2 has the same content as same.jsonl line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Repetitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJsonl_SeveralBadLines_ListsEveryProblemAtOnce()
    {
        var path = _folder.Write("many.jsonl", """
            {"id": "q1", "variables": {"question": "a"}, "answer": "x"}
            {"id": "q2"}
            not json
            {"id": "q4", "variables": "question"}
            """);

        var error = Assert.Throws<DatasetException>(() => Dataset.LoadJsonl(path));

        Assert.Equal([(1, "answer"), (2, "variables"), (3, null), (4, "variables")], error.Problems.Select(p => (p.Line, p.Field)).ToList());
        Assert.Contains("unknown field 'answer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_RowMissingColumn_ThrowsNamingLineAndColumn()
    {
        var path = _folder.Write("qa.csv", "id,question,expected\nq1,2+2?,4\nq2,Capital of France?\n");

        var error = Assert.Throws<DatasetException>(() => Dataset.Load(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((path, 3, "expected"), (problem.Path, problem.Line, problem.Field));
        Assert.Contains("line 3 has 2 fields but the header has 3: column 'expected' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_RequiredColumnAbsent_ThrowsNamingColumn()
    {
        var path = _folder.Write("qa.csv", "id,question\nq1,2+2?\n");

        var error = Assert.Throws<DatasetException>(() => Dataset.LoadCsv(path, new CsvDatasetOptions { RequiredColumns = ["question", "customer"] }));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("customer", problem.Field);
        Assert.Contains("has no column 'customer' (its columns: id, question)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_QuotedFieldsAndColumnRoles_ReadsVariablesReferencesAndMetadata()
    {
        var path = _folder.Write("qa.csv", "id,question,expected,expected.2,metadata.topic\nq1,\"Hello, \"\"world\"\"\nsecond line\",hi,,greeting\n");

        var item = Assert.Single(Dataset.Load(path).Items);

        Assert.Equal("q1", item.Id);
        Assert.Equal("Hello, \"world\"\nsecond line", item.Variables["question"]);
        Assert.Equal(["hi"], item.ReferenceAnswers);
        Assert.Equal("greeting", item.Metadata["topic"]);
        Assert.False(item.Variables.ContainsKey("expected"), "reference answers are not prompt variables");
    }

    [Fact]
    public void ContentHash_SameItemsFromJsonlCsvAndCode_IsTheSame()
    {
        var jsonl = Dataset.Load(_folder.Write("a.jsonl", """{"id": "q1", "variables": {"question": "2+2?"}, "expected": "4"}"""));
        var csv = Dataset.Load(_folder.Write("a.csv", "id,question,expected\nq1,2+2?,4\n"));
        var code = new Dataset("a", [new DatasetItem(new Dictionary<string, object?> { ["question"] = "2+2?" }, ["4"], id: "q1")]);

        Assert.Equal(jsonl.ContentHash, csv.ContentHash);
        Assert.Equal(jsonl.ContentHash, code.ContentHash);
    }

    [Fact]
    public void ContentHash_ReferenceAnswerChanged_Changes()
    {
        var before = new Dataset("a", [new DatasetItem(new Dictionary<string, object?> { ["question"] = "2+2?" }, ["4"], id: "q1")]);
        var after = new Dataset("a", [new DatasetItem(new Dictionary<string, object?> { ["question"] = "2+2?" }, ["four"], id: "q1")]);

        Assert.NotEqual(before.ContentHash, after.ContentHash);
    }

    [Fact]
    public void Id_NotGiven_IsDerivedFromContentAndStable()
    {
        var first = new DatasetItem(new Dictionary<string, object?> { ["question"] = "2+2?", ["n"] = 3 });
        var again = new DatasetItem(new Dictionary<string, object?> { ["n"] = 3, ["question"] = "2+2?" });
        var other = new DatasetItem(new Dictionary<string, object?> { ["question"] = "3+3?", ["n"] = 3 });

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(16, first.Id.Length);
    }
}
