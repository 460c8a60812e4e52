using System.Text.Json;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Tests.Evaluation;
using LlmOps.Sdk.Tests.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk.Tests.Capture;

public sealed class DatasetCaptureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmops-capture-").FullName;

    private string PathOf(string name) => Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CaptureToDataset_SamplingRateOne_WritesEveryCallWithItsPromptVersion(bool streaming)
    {
        var path = PathOf("all.jsonl");
        string staging, production;
        await using (var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c => c.SamplingRate = 1)))
        {
            host.Provider.EnqueueReply("first answer").EnqueueReply("second answer");
            staging = await host.CallAsync("staging", streaming);
            production = await host.CallAsync("production", streaming);
        }

        var lines = ReadLines(path);
        Assert.Equal([staging, production], lines.Select(l => l.GetProperty("id").GetString()));
        var metadata = lines[0].GetProperty("metadata");
        Assert.Equal(("greet", 2, "sampled"), (metadata.GetProperty("prompt_name").GetString(), metadata.GetProperty("prompt_version").GetInt32(),
            metadata.GetProperty("capture_reason").GetString()));
        Assert.Equal("first answer", metadata.GetProperty("response").GetString());
        Assert.Equal("Hi there Ada", metadata.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal("Ada", lines[0].GetProperty("variables").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CaptureToDataset_SamplingRateZero_CapturesOnlyTheCallAnEvaluatorFailed()
    {
        var path = PathOf("fails.jsonl");
        var judge = new TestEvaluator("judge", (context, _) =>
            new([new EvaluationScore("judge", context.ResponseText.Contains("wrong", StringComparison.Ordinal) ? 0 : 1, passed: !context.ResponseText.Contains("wrong", StringComparison.Ordinal))]));
        string failed;
        await using (var host = new FeedbackTestHost(o => o.AddEvaluator(judge).CaptureToDataset(path, c => c.SamplingRate = 0)))
        {
            host.Provider.EnqueueReply("right").EnqueueReply("wrong").EnqueueReply("right");
            await host.CallAsync("production");
            failed = await host.CallAsync("production");
            await host.CallAsync("production");
        }

        var line = Assert.Single(ReadLines(path));
        Assert.Equal(failed, line.GetProperty("id").GetString());
        var metadata = line.GetProperty("metadata");
        Assert.Equal("score_fail", metadata.GetProperty("capture_reason").GetString());
        Assert.Equal("fail", metadata.GetProperty("scores")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task CaptureToDataset_FailedScoresRuleOff_CapturesNoFailingCall()
    {
        var path = PathOf("off.jsonl");
        var judge = new TestEvaluator("judge", (_, _) => new([new EvaluationScore("judge", 0, passed: false)]));
        await using (var host = new FeedbackTestHost(o => o.AddEvaluator(judge).CaptureToDataset(path, c =>
        {
            c.SamplingRate = 0;
            c.CaptureFailedScores = false;
        })))
        {
            await host.CallAsync("production");
        }

        Assert.False(File.Exists(path), "nothing should have been captured");
    }

    [Fact]
    public async Task RecordAsync_NegativeFeedbackOnCallSamplingLeftOut_CapturesItWithTheCorrection()
    {
        var path = PathOf("negative.jsonl");
        string disliked;
        await using (var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c => c.SamplingRate = 0)))
        {
            disliked = await host.CallAsync("staging");
            var liked = await host.CallAsync("production");
            await host.Feedback.RecordAsync(ChatFeedback.ThumbsUp(liked));
            await host.Feedback.RecordAsync(ChatFeedback.ThumbsDown(disliked) with { Correction = "Hello Ada, how can I help?" });
        }

        var line = Assert.Single(ReadLines(path));
        Assert.Equal(disliked, line.GetProperty("id").GetString());
        Assert.Equal("Hello Ada, how can I help?", line.GetProperty("expected").GetString());
        var metadata = line.GetProperty("metadata");
        Assert.Equal("negative_feedback", metadata.GetProperty("capture_reason").GetString());
        Assert.Equal("fail", metadata.GetProperty("feedback")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task CaptureToDataset_Default_RedactsPersonalDataInEveryText()
    {
        var path = PathOf("private.jsonl");
        await using (var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c => c.SamplingRate = 1)))
        {
            host.Provider.EnqueueReply("I wrote to ada@example.com");
            await host.CallAsync("production", variables: new { name = "ada@example.com" });
        }

        var text = File.ReadAllText(path);
        Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:email]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureToDataset_KeepRawContent_WritesContentAsItWas()
    {
        var path = PathOf("raw.jsonl");
        await using (var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c =>
        {
            c.SamplingRate = 1;
            c.KeepRawContent = true;
        })))
        {
            await host.CallAsync("production", variables: new { name = "ada@example.com" });
        }

        var line = Assert.Single(ReadLines(path));
        Assert.Equal("ada@example.com", line.GetProperty("variables").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CaptureToDataset_WrittenFile_LoadsAsAnExperimentDataset()
    {
        var path = PathOf("support.jsonl");
        string disliked;
        await using (var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c => c.SamplingRate = 1)))
        {
            await host.CallAsync("production", variables: new Dictionary<string, object?> { ["name"] = "Ada", ["tier"] = 2 });
            disliked = await host.CallAsync("staging");
        }

        var dataset = Dataset.LoadJsonl(path);

        Assert.Equal("support", dataset.Name);
        Assert.Equal(2, dataset.Items.Count);
        var first = dataset.Items[0];
        Assert.Equal("Ada", ((JsonElement)first.Variables["name"]!).GetString());
        Assert.Equal(2, ((JsonElement)first.Variables["tier"]!).GetInt32());
        Assert.Equal("1", first.Metadata["prompt_version"]);
        Assert.Equal(disliked, dataset.Items[1].Id);
        Assert.Equal("greet", dataset.Items[1].Metadata["prompt_name"]);
    }

    [Fact]
    public async Task StopAsync_CallsQueued_WritesThemBeforeTheHostStops()
    {
        var path = PathOf("stop.jsonl");
        await using var host = new FeedbackTestHost(o => o.CaptureToDataset(path, c => c.SamplingRate = 1));
        for (var i = 0; i < 5; i++)
        {
            await host.CallAsync("production");
        }

        foreach (var service in host.Services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(5, ReadLines(path).Count);
    }

    [Fact]
    public void CaptureToDataset_SamplingRateAboveOne_ThrowsNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new LlmOps.Sdk.Testing.ScriptedChatClient());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            services.AddLlmOps(o => o.CaptureToDataset("x.jsonl", c => c.SamplingRate = 2)));

        Assert.Contains("CaptureOptions.SamplingRate", error.Message, StringComparison.Ordinal);
    }

    private static List<JsonElement> ReadLines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
