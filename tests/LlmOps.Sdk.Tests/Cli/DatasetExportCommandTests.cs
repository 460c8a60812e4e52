using LlmOps.Cli;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Prompts.Sqlite;
using LlmOps.Sdk.Tests.Capture;
using LlmOps.Sdk.Tests.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class DatasetExportCommandTests : IDisposable
{
    private readonly SqliteFile _file = new();

    private string PathOf(string name) => Path.Combine(_file.Directory, name);

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Export_CasesCapturedIntoTheRegistry_WritesTheBytesCaptureToDatasetWritesForTheSameCalls()
    {
        var captured = PathOf("captured.jsonl");
        await CaptureAsync(o => o
            .AddPrompts(store => store.Add(RegistryCaptureHost.Version1, "production").Add(RegistryCaptureHost.Version2, "staging"))
            .CaptureToDataset(captured, c => c.SamplingRate = 0), seed: false);
        await CaptureAsync(o => o.AddPromptsFromSqlite(_file.Path).CaptureToRegistry("support", c => c.SamplingRate = 0), seed: true);
        var exported = PathOf("support.jsonl");

        var run = await Export("--dataset", "support", exported);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"3 cases of dataset 'support' written to {exported} from SQLite {_file.Path}.", run.Output.Trim());
        Assert.Equal(File.ReadAllText(captured), File.ReadAllText(exported));
        var dataset = Dataset.LoadJsonl(exported);
        Assert.Equal(Dataset.LoadJsonl(captured).Items.Select(i => (i.Id, i.ReferenceAnswers.Count)), dataset.Items.Select(i => (i.Id, i.ReferenceAnswers.Count)));
        Assert.Equal(["Hello Ada, how can I help?"], Assert.Single(dataset.Items, i => i.Id == "scripted-2").ReferenceAnswers);
    }

    [Fact]
    public async Task Export_ReasonAndVersionFilters_WritesOnlyTheMatchingCases()
    {
        await CaptureAsync(o => o.AddPromptsFromSqlite(_file.Path).CaptureToRegistry("support", c => c.SamplingRate = 0), seed: true);
        var exported = PathOf("disliked.jsonl");

        var run = await Export("--dataset", "support", "--reason", "negative_feedback", "--version", "2", "--prompt", "greet", "--since", "2026-12-01", exported);

        Assert.True(run.ExitCode == 0, run.ToString());
        var item = Assert.Single(Dataset.LoadJsonl(exported).Items);
        Assert.Equal(("negative_feedback", "2"), (item.Metadata["capture_reason"], item.Metadata["prompt_version"]));
    }

    [Fact]
    public async Task Export_SinceAfterEveryCase_WritesAnEmptyFileAndWarns()
    {
        await CaptureAsync(o => o.AddPromptsFromSqlite(_file.Path).CaptureToRegistry("support", c => c.SamplingRate = 0), seed: true);
        var exported = PathOf("none.jsonl");

        var run = await Export("--dataset", "support", "--since", "2026-12-02T00:00:00Z", exported);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("0 cases", run.Output, StringComparison.Ordinal);
        Assert.Contains("no captured case matched", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(exported).Length);
    }

    [Theory]
    [InlineData("--since", "yesterday", "--since 'yesterday' is not a time")]
    [InlineData("--reason", "bad", "bad")]
    [InlineData("--version", "0", "--version must be 1 or more")]
    public async Task Export_BadFilter_ExitsWithTwoNamingIt(string option, string value, string expected)
    {
        using (new SqlitePromptStore(_file.Path))
        {
        }

        var run = await Export("--dataset", "support", option, value, PathOf("out.jsonl"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.jsonl")), "nothing should be written");
    }

    [Fact]
    public async Task Export_BadDatasetName_ExitsWithTwoGivingTheRule()
    {
        var run = await Export("--dataset", "support reply", PathOf("out.jsonl"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'support reply' has a character other than", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_StoreFromTheEnvironmentWithAPassword_NeverEchoesThePassword()
    {
        var run = await CliRun.InvokeAsync(
            (output, error) => new CliHost(output, error) { GetEnvironmentVariable = name => name == "LLMOPS_STORE" ? "postgres://llmops:s3cret-pw@127.0.0.1:1/nowhere" : null },
            "dataset", "export", "--dataset", "support", PathOf("out.jsonl"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("s3cret-pw", run.Output + run.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> Export(params string[] args) =>
        CliRun.InvokeAsync((output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null },
            ["dataset", "export", "--store", _file.Path, .. args]);

    /// <summary>Makes the same three calls through a pipeline: two sampled out, a disliked one on version 2 with a correction, and one with an e-mail address.</summary>
    private static async Task CaptureAsync(Action<LlmOpsBuilder> configure, bool seed)
    {
        await using var host = new RegistryCaptureHost(configure);
        await host.Host.StartAsync();
        if (seed)
        {
            await host.SeedAsync();
        }

        var feedback = host.Host.Services.GetRequiredService<IChatFeedback>();
        var first = await host.CallAsync("production", variables: new { name = "ada@example.com" });
        var second = await host.CallAsync("staging");
        var third = await host.CallAsync("production", streaming: true);
        await feedback.RecordAsync(ChatFeedback.ThumbsDown(first));
        await feedback.RecordAsync(ChatFeedback.ThumbsDown(second) with { Correction = "Hello Ada, how can I help?" });
        await feedback.RecordAsync(ChatFeedback.ThumbsDown(third) with { Comment = "rude" });
        await host.Host.StopAsync();
    }
}
