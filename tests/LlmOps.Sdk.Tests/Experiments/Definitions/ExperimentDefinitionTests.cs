using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Tests.Cli;

namespace LlmOps.Sdk.Tests.Experiments.Definitions;

public sealed class ExperimentDefinitionTests : IDisposable
{
    private readonly CliTempFolder _folder = new();

    public ExperimentDefinitionTests()
    {
        _folder.Write("data/items.jsonl", """{"id":"q1","question":"2+2?","expected":"4"}""" + "\n");
        _folder.Write("answers/v2.jsonl", """{"id":"q1","answer":"4"}""" + "\n");
        Directory.CreateDirectory(_folder.Combine("prompts"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_CompleteFile_ReadsEverySectionWithPathsRelativeToTheFile()
    {
        var path = _folder.Write("experiment.yaml", """
            name: arithmetic
            dataset: data/items.jsonl
            prompts: prompts
            concurrency: 8
            repetitions: 2
            candidates:
              - name: v1-mini
                model: gpt-4.1-mini
                endpoint: http://127.0.0.1:8080/v1
                api_key_env: MY_KEY
                prompt: answer
                version: 1
                temperature: 0
                max_tokens: 50
              - name: v2-scripted
                kind: scripted
                answers: answers/v2.jsonl
                prompt: answer
                label: staging
            evaluators:
              - token_f1
              - kind: contains
                values: [four, "4"]
              - kind: regex
                name: digits
                pattern: '^\d+$'
            baseline: v2-scripted
            thresholds:
              fail_on: ["token_f1.mean < 0.70"]
              fail_on_regression: token_f1
            """);

        var definition = ExperimentDefinition.Load(path);

        Assert.Equal("arithmetic", definition.Name);
        Assert.Equal(_folder.Combine("data/items.jsonl"), definition.DatasetPath);
        Assert.Equal(_folder.Combine("prompts"), definition.PromptsDirectory);
        Assert.Equal((8, 2), (definition.Concurrency, definition.Repetitions));
        var v1 = definition.Candidates[0];
        Assert.Equal((CandidateKind.OpenAI, "gpt-4.1-mini", "MY_KEY", 1, 0f, 50), (v1.Kind, v1.Model, v1.ApiKeyVariable, v1.PromptVersion, v1.Temperature, v1.MaxOutputTokens));
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1"), v1.Endpoint);
        var v2 = definition.Candidates[1];
        Assert.Equal((CandidateKind.Scripted, _folder.Combine("answers/v2.jsonl"), "staging"), (v2.Kind, v2.AnswersPath, v2.PromptLabel));
        Assert.Equal(["token_f1", "contains", "regex"], definition.Evaluators.Select(static e => e.Kind));
        Assert.Equal(["four", "4"], definition.Evaluators[1].Values);
        Assert.Equal("digits", definition.Evaluators[2].CreateEvaluator().Name);
        Assert.Equal("v2-scripted", definition.Baseline);
        Assert.Equal(["token_f1.mean < 0.70"], definition.Thresholds.FailOn);
        Assert.Equal(["token_f1"], definition.Thresholds.FailOnRegression);
    }

    [Fact]
    public void Load_NoBaseline_TakesTheFirstCandidate()
    {
        var path = _folder.Write("experiment.yaml", """
            name: e
            dataset: data/items.jsonl
            candidates:
              - { name: a, model: m1 }
              - { name: b, model: m2 }
            """);

        var definition = ExperimentDefinition.Load(path);

        Assert.Equal("a", definition.Baseline);
    }

    [Theory]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - name: a\n    modle: m1\n", 5, 5, "Unknown key 'modle'")]
    [InlineData("name: e\ndatset: data/items.jsonl\n", 2, 1, "Unknown key 'datset'")]
    [InlineData("name: e\ndataset: data/items.jsonl\nconcurrency: many\ncandidates:\n  - { name: a, model: m }\n", 3, 14, "'concurrency' is 'many'")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - name: a\n    model: m\n    temperature: 7\n", 6, 18, "'temperature' is '7'")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - name: a\n    model: m\n    endpoint: localhost:80\n", 6, 15, "absolute http or https")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - { name: a, model: m }\nevaluators: [token_f1, rouge]\n", 5, 24, "Unknown evaluator 'rouge'")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - { name: a, model: m }\nbaseline: b\n", 5, 11, "Use one of: a")]
    [InlineData("name: e\ndataset: data/missing.jsonl\n", 2, 10, "does not exist")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates:\n  - { name: a, kind: scripted }\n", 4, 5, "has no 'answers'")]
    [InlineData("name: e\ndataset: data/items.jsonl\ncandidates: [ {name: a\n", 4, 1, "not valid YAML")]
    public void Load_BadKeyOrValue_ThrowsNamingFileLineAndColumn(string yaml, int line, int column, string expected)
    {
        var path = _folder.Write("experiment.yaml", yaml);

        var error = Assert.Throws<ExperimentDefinitionException>(() => ExperimentDefinition.Load(path));

        Assert.True((error.FilePath, error.Line, error.Column) == (path, line, column), $"Got {error.FilePath}({error.Line},{error.Column}): {error.Message}");
        Assert.StartsWith($"{path}({line},{column}): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ApiKeyWrittenInTheFile_ThrowsSayingToNameAVariable()
    {
        var path = _folder.Write("experiment.yaml", "name: e\ndataset: data/items.jsonl\ncandidates:\n  - name: a\n    model: m\n    api_key: sk-123\n");

        var error = Assert.Throws<ExperimentDefinitionException>(() => ExperimentDefinition.Load(path));

        Assert.Contains("api_key_env", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingIt()
    {
        var path = _folder.Combine("nope.yaml");

        var error = Assert.Throws<ExperimentDefinitionException>(() => ExperimentDefinition.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
