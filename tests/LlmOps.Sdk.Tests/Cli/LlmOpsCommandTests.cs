namespace LlmOps.Sdk.Tests.Cli;

public sealed class LlmOpsCommandTests
{
    [Theory]
    [InlineData("llmops experiment run experiment.yaml")]
    [InlineData("llmops experiment run experiment.yaml", "experiment")]
    [InlineData("llmops experiment run experiment.yaml", "experiment", "run")]
    [InlineData("llmops experiment report results", "experiment", "report")]
    [InlineData("llmops experiment compare ", "experiment", "compare")]
    [InlineData("llmops prompts push prompts", "prompts")]
    [InlineData("llmops prompts push prompts", "prompts", "push")]
    [InlineData("llmops prompts label support-reply production", "prompts", "label")]
    [InlineData("llmops prompts rollback support-reply production", "prompts", "rollback")]
    [InlineData("llmops prompts history support-reply", "prompts", "history")]
    [InlineData("llmops prompts diff support-reply 2 3", "prompts", "diff")]
    [InlineData("llmops prompts list", "prompts", "list")]
    public async Task InvokeAsync_Help_ShowsAnExampleOnStdout(string example, params string[] command)
    {
        var run = await CliRun.InvokeAsync([.. command, "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Example", run.Output, StringComparison.Ordinal);
        Assert.Contains(example, run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("experiment", "run", "experiment.yaml", "--concurrency", "zero")]
    [InlineData("experiment", "run", "experiment.yaml", "--concurrency", "0")]
    [InlineData("experiment", "run", "experiment.yaml", "--no-such-option")]
    [InlineData("experiment", "run")]
    [InlineData("experiment", "explode")]
    [InlineData]
    public async Task InvokeAsync_BadArguments_Exits2WithOneLineSayingWhereToLook(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.EndsWith("--help' to see the usage.", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task InvokeAsync_RunWithAnUnknownKey_Exits2NamingFileLineAndColumn()
    {
        using var folder = new CliTempFolder();
        folder.Write("items.jsonl", """{"id":"q1","question":"?"}""" + "\n");
        var path = folder.Write("experiment.yaml", "name: e\ndataset: items.jsonl\ncandidtes: []\n");

        var run = await CliRun.InvokeAsync("experiment", "run", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"error: {path}(3,1): Unknown key 'candidtes' in the experiment definition.", run.Error.Split(" Known keys")[0]);
    }
}
