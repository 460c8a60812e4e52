using System.Globalization;
using LlmOps.Sdk;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace RolloutsSample;

/// <summary>
/// Rolls version 2 of 'order-status' out to label 'production' in guarded steps. Version 2 answers with text instead of
/// JSON on every other call; the rollout sees its <c>json_valid</c> pass rate drop at the first step, halts, and the
/// label goes back to version 1 by itself.
/// </summary>
public static class GuardedRollout
{
    private const string Prompt = "order-status";
    private const string Label = "production";

    /// <summary>Runs the rollout and writes what happens to <paramref name="log"/>.</summary>
    /// <param name="log">Where the minutes, the decision and its figures are written.</param>
    /// <returns>The rollout as it ended.</returns>
    public static async Task<RolloutStatus> RunAsync(TextWriter log)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var candidateCalls = 0;
        var provider = new ScriptedChatClient(clock)
        {
            Responder = (messages, _) => !messages[^1].Text.StartsWith("v2", StringComparison.Ordinal)
                ? """{"status":"shipped"}"""
                : Interlocked.Increment(ref candidateCalls) % 2 == 0 ? "Your order has shipped!" : """{"status":"shipped"}""",
        };

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddChatClient(provider);
        services.AddLlmOps(llmops => llmops
            .AddPrompts(store =>
            {
                store.Add(new PromptVersion(Prompt, 1, "v1 Reply in JSON with the status of order {{order}}."), Label);
                store.Add(new PromptVersion(Prompt, 2, "v2 Tell the customer the status of order {{order}}."));
            })
            .AddEvaluator<JsonValidityEvaluator>()
            .AddRollouts(rollouts => rollouts.TickInterval = TimeSpan.FromSeconds(30)));
        await using var container = services.BuildServiceProvider();
        var hosted = container.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var client = container.GetRequiredService<IChatClient>();
        var rollouts = container.GetRequiredService<IPromptRollouts>();
        var status = await rollouts.StartAsync(Prompt, Label, candidateVersion: 2, new RolloutPlan
        {
            Steps = [10, 25, 50, 100],
            MinCallsPerStep = 50,
            MinStepDuration = TimeSpan.FromMinutes(2),
            GuardedScores = [JsonValidityEvaluator.DefaultName],
        });
        await log.WriteLineAsync(status.Note);

        var customer = 0;
        for (var minute = 1; minute <= 30 && status.State == RolloutState.Running; minute++)
        {
            for (var i = 0; i < 300; i++)
            {
                // The split is sticky per customer, so each customer sees one version throughout a step.
                var options = new ChatOptions().WithPrompt(Prompt, new { order = 1000 + i }, splitKey: $"customer-{customer++}");
                await client.GetResponseAsync([], options);
            }

            clock.Advance(TimeSpan.FromMinutes(1));

            // The controller ticks on the simulated clock, on a background task: give that tick a moment to finish.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            status = (await rollouts.GetStatusAsync(Prompt, Label))!;
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"minute {minute,2}: 300 calls; {status.State.ToString().ToLowerInvariant()}, {status.Percent}% to version {status.CandidateVersion}"));
        }

        await log.WriteLineAsync();
        await log.WriteLineAsync($"{status.State}: {status.Note}");
        await log.WriteLineAsync("figure                          baseline   candidate  calls b/c  test              p-value    threshold  verdict");
        foreach (var figure in status.Figures)
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{figure.Name,-31} {figure.Baseline,-10:G4} {figure.Candidate,-10:G4} {$"{figure.BaselineCount}/{figure.CandidateCount}",-10} {figure.Test,-17} {figure.PValue,-10:G3} {figure.Threshold,-10:G3} {(figure.Worse ? "WORSE" : "ok")}"));
        }

        var answer = await client.GetResponseAsync([], new ChatOptions().WithPrompt(Prompt, new { order = 1 }, splitKey: "customer-after"));
        await log.WriteLineAsync($"label '{Label}' now serves version {answer.GetRenderedPrompt()?.Version}");
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        return status;
    }
}
