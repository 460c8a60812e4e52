using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Rollouts;

public sealed class RolloutChatClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_PromptUnderRollout_CountsCallsErrorsAndScoresPerVersion(bool streaming)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var scripted = new ScriptedChatClient(time) { Responder = static (messages, _) => messages[^1].Text.StartsWith('b') ? "not json" : "{}" };
        scripted.FailCalls(ScriptedFault.Http(400), 3);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddChatClient(scripted);
        services.AddLlmOps(o => o
            .AddPrompts(store =>
            {
                store.Add(new PromptVersion("reply", 1, "a {{q}}"), "production");
                store.Add(new PromptVersion("reply", 2, "b {{q}}"));
            })
            .AddEvaluator<JsonValidityEvaluator>()
            .AddRollouts());
        await using var provider = services.BuildServiceProvider();
        var rollouts = provider.GetRequiredService<IPromptRollouts>();
        var controller = provider.GetServices<IHostedService>().OfType<RolloutController>().Single();
        await rollouts.StartAsync("reply", "production", 2, new RolloutPlan { Steps = [50, 100], MinCallsPerStep = 10, GuardedScores = [JsonValidityEvaluator.DefaultName] });
        await controller.TickAsync();
        var client = provider.GetRequiredService<IChatClient>();

        for (var i = 0; i < 40; i++)
        {
            var options = new ChatOptions().WithPrompt("reply", new { q = "hi" }, splitKey: $"user-{i}");
            try
            {
                _ = streaming
                    ? await client.GetStreamingResponseAsync([], options).ToChatResponseAsync()
                    : await client.GetResponseAsync([], options);
            }
            catch (System.ClientModel.ClientResultException)
            {
                // the scripted fault: counted as an error of the version that was asked
            }
        }

        var window = provider.GetRequiredService<RolloutFigures>().Get("reply")!;
        var baseline = window.Baseline.Snapshot();
        var candidate = window.Candidate.Snapshot();
        Assert.Equal(40, baseline.Calls + candidate.Calls);
        Assert.Equal(1, baseline.Errors + candidate.Errors);
        Assert.True(baseline.Calls > 5 && candidate.Calls > 5, $"split {baseline.Calls}/{candidate.Calls}");
        Assert.Equal((baseline.Calls - baseline.Errors, baseline.Calls - baseline.Errors), (baseline.Scores[0].Verdicts, baseline.Scores[0].Passes));
        Assert.Equal((candidate.Calls - candidate.Errors, 0L), (candidate.Scores[0].Verdicts, candidate.Scores[0].Passes));
    }

    [Fact]
    public async Task AddLlmOps_WithoutRollouts_HasNoRolloutStage()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.AddPrompts(store => store.Add(new PromptVersion("reply", 1, "a"), "production")));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.Null(client.GetService<RolloutChatClient>());
        Assert.NotNull(client.GetService<PromptChatClient>());
    }

    [Fact]
    public async Task AddRollouts_NoWritableStore_ThrowsWithFix()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.AddRollouts());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IPromptRollouts>());

        Assert.Contains("need a writable prompt store", error.Message, StringComparison.Ordinal);
    }
}
