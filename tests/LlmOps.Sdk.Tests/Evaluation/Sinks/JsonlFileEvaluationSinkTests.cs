using System.Text.Json;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Sinks;

public sealed class JsonlFileEvaluationSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "llmops-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WriteAsync_Records_AppendsOneJsonObjectPerLine()
    {
        var path = Path.Combine(_directory, "nested", "scores.jsonl");
        using (var sink = new JsonlFileEvaluationSink(path))
        {
            await sink.WriteAsync(Record("token_f1", 0.5, passed: true), CancellationToken.None);
            await sink.WriteAsync(Record("json_valid", 0.0, passed: false), CancellationToken.None);
        }

        var lines = await File.ReadAllLinesAsync(path);

        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("token_f1", root.GetProperty("evaluator").GetString());
        Assert.Equal("inline", root.GetProperty("mode").GetString());
        Assert.Equal("resp-1", root.GetProperty("response_id").GetString());
        Assert.Equal(3, root.GetProperty("prompt_version").GetInt32());
        var score = root.GetProperty("scores")[0];
        Assert.Equal((0.5, true, "pass", "café ☕"), (score.GetProperty("value").GetDouble(), score.GetProperty("passed").GetBoolean(),
            score.GetProperty("label").GetString(), score.GetProperty("explanation").GetString()));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_Appends()
    {
        var path = Path.Combine(_directory, "scores.jsonl");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(path, "{}\n");

        using (var sink = new JsonlFileEvaluationSink(path))
        {
            await sink.WriteAsync(Record("a", 1, true), CancellationToken.None);
        }

        Assert.Equal(2, (await File.ReadAllLinesAsync(path)).Length);
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_Throws()
    {
        var sink = new JsonlFileEvaluationSink(Path.Combine(_directory, "scores.jsonl"));
        sink.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await sink.WriteAsync(Record("a", 1, true), CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static EvaluationRecord Record(string name, double value, bool passed) =>
        new(name, EvaluationMode.Inline, [new EvaluationScore(name, value, passed, "café ☕")])
        {
            ResponseId = "resp-1",
            PromptName = "support-reply",
            PromptVersion = 3,
            Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
}
