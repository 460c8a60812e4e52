using System.Text.Json;
using LlmOps.Cli;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class RolloutCommandTests : IDisposable
{
    private readonly CliTempFolder _folder = new();
    private readonly string _store;

    public RolloutCommandTests()
    {
        _folder.Write("prompts/greet/v1.yaml", "messages:\n  - role: user\n    content: Hello {{name}}.\n");
        _folder.Write("prompts/greet/v2.yaml", "messages:\n  - role: user\n    content: Hi {{name}}!\n");
        _folder.Write("prompts/greet/labels.yaml", "production: 1\n");
        _store = _folder.Combine("prompts.db");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Start_LabelOnOneVersion_WritesFirstStepToTheStore()
    {
        await LlmOpsAsync("prompts", "push", _folder.Combine("prompts"));

        var run = await LlmOpsAsync("rollout", "start", "greet", "production", "v2", "--steps", "10,50,100", "--min-calls", "300", "--scores", "json_valid");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("greet production: running, step 0 of 3, 10% to v2 (baseline v1)", run.Output, StringComparison.Ordinal);
        var label = await LlmOpsAsync("prompts", "list");
        Assert.Contains("production->v1:90,v2:10", label.Output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadSteps_Exits2NamingTheSetting()
    {
        await LlmOpsAsync("prompts", "push", _folder.Combine("prompts"));

        var run = await LlmOpsAsync("rollout", "start", "greet", "production", "2", "--steps", "10,50");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("has Steps [10, 50]; they must end with 100", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_HaltedByAService_PrintsTheDecidingFiguresAndExits1()
    {
        await LlmOpsAsync("prompts", "push", _folder.Combine("prompts"));
        await LlmOpsAsync("rollout", "start", "greet", "production", "2", "--steps", "10,50,100", "--min-calls", "100", "--min-duration", "1m");
        await DriveAsync(candidateErrorRate: 0.5);

        var text = await LlmOpsAsync("rollout", "status", "greet", "production");
        var json = await LlmOpsAsync("rollout", "status", "greet", "production", "--json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("greet production: halted", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"error_rate\s+0\.\d+\s+0\.\d+\s+\d+/\d+\s+two-proportion z\s+\S+\s+\S+\s+WORSE", text.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("halted", document.RootElement.GetProperty("state").GetString());
        Assert.Contains(document.RootElement.GetProperty("figures").EnumerateArray(),
            static f => f.GetProperty("name").GetString() == "error_rate" && f.GetProperty("worse").GetBoolean());
    }

    [Fact]
    public async Task Abort_RunningRollout_MovesLabelBack()
    {
        await LlmOpsAsync("prompts", "push", _folder.Combine("prompts"));
        await LlmOpsAsync("rollout", "start", "greet", "production", "2");

        var run = await LlmOpsAsync("rollout", "abort", "greet", "production", "--reason", "support tickets");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("greet production: aborted", run.Output, StringComparison.Ordinal);
        var label = await LlmOpsAsync("prompts", "list");
        Assert.Contains("production -> v1", label.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("v2:", label.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_NoRollout_Exits2WithStatusHint()
    {
        await LlmOpsAsync("prompts", "push", _folder.Combine("prompts"));

        var run = await LlmOpsAsync("rollout", "abort", "greet", "production");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("has no running or paused rollout", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Plays the service that serves 'greet': counts its calls and ticks its controller, on the same store.</summary>
    private async Task DriveAsync(double candidateErrorRate)
    {
        var time = new FakeTimeProvider();
        using var store = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = _store, CreateIfMissing = false }, null, time);
        var figures = new RolloutFigures();
        using var rollouts = new PromptRollouts(store, figures, time);
        using var controller = new RolloutController(store, rollouts, figures, new RolloutOptions());
        await controller.TickAsync();
        var random = new Random(7);
        for (var minute = 0; minute < 30 && figures.IsWatched("greet"); minute++)
        {
            for (var i = 0; i < 400; i++)
            {
                var candidate = random.NextDouble() < 0.1;
                figures.RecordCall("greet", candidate ? 2 : 1, random.NextDouble() < (candidate ? candidateErrorRate : 0.02), 500, null);
            }

            time.Advance(TimeSpan.FromMinutes(1));
            await controller.TickAsync();
        }
    }

    private Task<CliRun> LlmOpsAsync(params string[] args) =>
        CliRun.InvokeAsync((output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null }, [.. args, "--store", _store]);
}
