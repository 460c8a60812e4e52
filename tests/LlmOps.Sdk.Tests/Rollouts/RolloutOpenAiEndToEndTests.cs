using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using Xunit.Abstractions;

namespace LlmOps.Sdk.Tests.Rollouts;

/// <summary>A rollout driven by real calls: the OpenAI SDK, the whole pipeline, and a chat-completions server on 127.0.0.1.</summary>
public sealed class RolloutOpenAiEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rollout_CandidateFailingJsonValidityOnThirtyPercent_HaltsAndLabelServesBaseline()
    {
        var candidateCalls = 0;
        var baselineCalls = 0;
        await using var server = ChatCompletionsServer.Start(request =>
        {
            if (request.UserText.StartsWith("v2", StringComparison.Ordinal))
            {
                // 3 calls in 10 answer with text that is not JSON.
                var n = Interlocked.Increment(ref candidateCalls);
                return ServerAction.Reply(n % 10 is 1 or 4 or 7 ? "Sure! Here is the answer: 42" : """{"answer":42}""");
            }

            Interlocked.Increment(ref baselineCalls);
            return ServerAction.Reply("""{"answer":42}""");
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddChatClient(_ => new OpenAIClient(
                new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(ChatCompletionsServer.Model).AsIChatClient());
        services.AddLlmOps(o => o
            .AddPrompts(store =>
            {
                store.Add(new PromptVersion("order-status", 1, "v1 Answer in JSON: {{question}}"), "production");
                store.Add(new PromptVersion("order-status", 2, "v2 Answer in JSON, briefly: {{question}}"));
            })
            .AddEvaluator<JsonValidityEvaluator>()
            .AddRollouts());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        var rollouts = provider.GetRequiredService<IPromptRollouts>();
        var controller = provider.GetServices<IHostedService>().OfType<RolloutController>().Single();
        await rollouts.StartAsync("order-status", "production", 2, new RolloutPlan
        {
            Steps = [25, 50, 100],
            MinCallsPerStep = 40,
            MinStepDuration = TimeSpan.FromMinutes(1),
            GuardedScores = [JsonValidityEvaluator.DefaultName],
        });
        await controller.TickAsync();

        var status = (await rollouts.GetStatusAsync("order-status", "production"))!;
        var user = 0;
        for (var minute = 0; minute < 20 && status.State == RolloutState.Running; minute++)
        {
            for (var i = 0; i < 60; i++)
            {
                await client.GetResponseAsync([], new ChatOptions().WithPrompt("order-status", new { question = "Where is order 42?" }, splitKey: $"user-{user++}"));
            }

            time.Advance(TimeSpan.FromMinutes(1));
            await controller.TickAsync();
            status = (await rollouts.GetStatusAsync("order-status", "production"))!;
        }

        output.WriteLine(status.Note);
        output.WriteLine(RolloutFigureText.Format(status.Figures));
        Assert.True(status.State == RolloutState.Halted, $"{status.State}: {status.Note}");
        Assert.Contains(status.Figures, static f => f is { Name: "score:json_valid:pass_rate", Worse: true, Baseline: 1 });
        var candidateBefore = Volatile.Read(ref candidateCalls);
        for (var i = 0; i < 30; i++)
        {
            var response = await client.GetResponseAsync([], new ChatOptions().WithPrompt("order-status", new { question = "Where is order 42?" }, splitKey: $"user-{user++}"));
            Assert.Equal(1, response.GetRenderedPrompt()!.Version);
        }

        Assert.Equal(candidateBefore, Volatile.Read(ref candidateCalls));
    }
}
